-- Ticket list counts (api-v1 §4.1): the total of a filtered list is counted on every page.
-- Covering the usual filters (archived, state, priority, queue) lets the count read only this
-- index instead of one table row per matching ticket.
CREATE INDEX ticket_archive_state_priority ON ticket (archive_flag, ticket_state_id,
                                                      ticket_priority_id, queue_id);
