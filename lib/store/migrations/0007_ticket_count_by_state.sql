-- The `total` of the default ticket list (every queue, a status filter, not archived) sums
-- ticket_count over the archive flag and state ids; its primary key starts with queue_id, so
-- that sum read every row. This covering index reads only the matching states' rows.
CREATE INDEX ticket_count_archive_state ON ticket_count (archive_flag, ticket_state_id, n);
