-- Ticket list totals (api-v1 §4.1): every list page returns the number of matching tickets.

-- Counts per (queue, state, priority, archive flag), kept current by triggers in the writing
-- transaction. A list filtered only by these columns (and by visibility, which is a queue set)
-- sums a handful of rows here instead of counting every matching ticket.
CREATE TABLE ticket_count (
  queue_id           INTEGER NOT NULL,
  ticket_state_id    INTEGER NOT NULL,
  ticket_priority_id INTEGER NOT NULL,
  archive_flag       INTEGER NOT NULL,
  n                  INTEGER NOT NULL,
  PRIMARY KEY (queue_id, ticket_state_id, ticket_priority_id, archive_flag)
) STRICT, WITHOUT ROWID;

INSERT INTO ticket_count (queue_id, ticket_state_id, ticket_priority_id, archive_flag, n)
SELECT queue_id, ticket_state_id, ticket_priority_id, archive_flag, count(*)
  FROM ticket GROUP BY queue_id, ticket_state_id, ticket_priority_id, archive_flag;

CREATE TRIGGER ticket_count_insert AFTER INSERT ON ticket BEGIN
  INSERT INTO ticket_count (queue_id, ticket_state_id, ticket_priority_id, archive_flag, n)
  VALUES (NEW.queue_id, NEW.ticket_state_id, NEW.ticket_priority_id, NEW.archive_flag, 1)
  ON CONFLICT (queue_id, ticket_state_id, ticket_priority_id, archive_flag)
  DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER ticket_count_delete AFTER DELETE ON ticket BEGIN
  UPDATE ticket_count SET n = n - 1
   WHERE queue_id = OLD.queue_id AND ticket_state_id = OLD.ticket_state_id
     AND ticket_priority_id = OLD.ticket_priority_id AND archive_flag = OLD.archive_flag;
END;

CREATE TRIGGER ticket_count_update
AFTER UPDATE OF queue_id, ticket_state_id, ticket_priority_id, archive_flag ON ticket
WHEN OLD.queue_id IS NOT NEW.queue_id OR OLD.ticket_state_id IS NOT NEW.ticket_state_id
  OR OLD.ticket_priority_id IS NOT NEW.ticket_priority_id
  OR OLD.archive_flag IS NOT NEW.archive_flag
BEGIN
  UPDATE ticket_count SET n = n - 1
   WHERE queue_id = OLD.queue_id AND ticket_state_id = OLD.ticket_state_id
     AND ticket_priority_id = OLD.ticket_priority_id AND archive_flag = OLD.archive_flag;
  INSERT INTO ticket_count (queue_id, ticket_state_id, ticket_priority_id, archive_flag, n)
  VALUES (NEW.queue_id, NEW.ticket_state_id, NEW.ticket_priority_id, NEW.archive_flag, 1)
  ON CONFLICT (queue_id, ticket_state_id, ticket_priority_id, archive_flag)
  DO UPDATE SET n = n + 1;
END;

-- Lists with other filters count matching tickets; this covers the usual ones (archived,
-- state, priority, queue) so that count reads the index alone, not one table row per ticket.
CREATE INDEX ticket_archive_state_priority ON ticket (archive_flag, ticket_state_id,
                                                      ticket_priority_id, queue_id);
