-- Dashboard counters (api-v1 §9) and the bookkeeping of the background jobs (api-v1 §0).
--
-- Counts that the dashboard reads on every page view are kept current by triggers in the
-- writing transaction, like ticket_count (migration 0002); DashboardService::CheckCounters
-- compares them with a recount.

-- Tickets created and tickets entering a closed state, per queue and UTC quarter hour
-- (bucket = unix seconds / 900). Quarter hours because every time zone offset is a multiple
-- of 15 minutes, so "since local midnight" and per-day charts in the TimeZone setting are
-- sums of whole buckets whatever the zone.
--   created: tickets by their current queue and their creation time (moves follow the ticket).
--   closed:  transitions from a non-closed into a closed state type, by the queue the ticket
--            was in and the time of the transition (events: close, reopen, close counts twice).
CREATE TABLE ticket_event_count (
  queue_id INTEGER NOT NULL,
  bucket   INTEGER NOT NULL,
  created  INTEGER NOT NULL DEFAULT 0,
  closed   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (queue_id, bucket)
) STRICT, WITHOUT ROWID;

INSERT INTO ticket_event_count (queue_id, bucket, created)
SELECT queue_id, unixepoch(create_time) / 900, count(*) FROM ticket GROUP BY 1, 2;

-- A closing transition in the history: an entry whose state snapshot is of type closed while the
-- ticket's previous entry (or none) was not.
INSERT INTO ticket_event_count (queue_id, bucket, closed)
SELECT h.queue_id, unixepoch(h.create_time) / 900, count(*)
  FROM ticket_history h
 WHERE h.state_id IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
                       WHERE st.name = 'closed')
   AND coalesce((SELECT p.state_id FROM ticket_history p
                  WHERE p.ticket_id = h.ticket_id AND p.id < h.id ORDER BY p.id DESC LIMIT 1), 0)
       NOT IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
                WHERE st.name = 'closed')
 GROUP BY 1, 2
ON CONFLICT (queue_id, bucket) DO UPDATE SET closed = closed + excluded.closed;

CREATE TRIGGER ticket_event_insert AFTER INSERT ON ticket BEGIN
  INSERT INTO ticket_event_count (queue_id, bucket, created, closed)
  VALUES (NEW.queue_id, unixepoch(NEW.create_time) / 900, 1,
          (SELECT st.name = 'closed' FROM ticket_state s JOIN ticket_state_type st
              ON st.id = s.type_id WHERE s.id = NEW.ticket_state_id))
  ON CONFLICT (queue_id, bucket)
  DO UPDATE SET created = created + 1, closed = closed + excluded.closed;
END;

CREATE TRIGGER ticket_event_move AFTER UPDATE OF queue_id ON ticket
WHEN OLD.queue_id IS NOT NEW.queue_id BEGIN
  UPDATE ticket_event_count SET created = created - 1
   WHERE queue_id = OLD.queue_id AND bucket = unixepoch(OLD.create_time) / 900;
  INSERT INTO ticket_event_count (queue_id, bucket, created)
  VALUES (NEW.queue_id, unixepoch(NEW.create_time) / 900, 1)
  ON CONFLICT (queue_id, bucket) DO UPDATE SET created = created + 1;
END;

-- The state update and change_time are written by one UPDATE (SetState, the jobs).
CREATE TRIGGER ticket_event_close AFTER UPDATE OF ticket_state_id ON ticket
WHEN (SELECT st.name FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
       WHERE s.id = NEW.ticket_state_id) = 'closed'
 AND (SELECT st.name FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
       WHERE s.id = OLD.ticket_state_id) IS NOT 'closed'
BEGIN
  INSERT INTO ticket_event_count (queue_id, bucket, closed)
  VALUES (NEW.queue_id, unixepoch(NEW.change_time) / 900, 1)
  ON CONFLICT (queue_id, bucket) DO UPDATE SET closed = closed + 1;
END;

-- History entries per ticket's current queue: the total of the dashboard's activity list.
CREATE TABLE ticket_history_count (
  queue_id INTEGER PRIMARY KEY,
  n        INTEGER NOT NULL
) STRICT;

INSERT INTO ticket_history_count (queue_id, n)
SELECT t.queue_id, count(*) FROM ticket_history h JOIN ticket t ON t.id = h.ticket_id GROUP BY 1;

CREATE TRIGGER ticket_history_count_insert AFTER INSERT ON ticket_history BEGIN
  INSERT INTO ticket_history_count (queue_id, n)
  SELECT queue_id, 1 FROM ticket WHERE id = NEW.ticket_id
  ON CONFLICT (queue_id) DO UPDATE SET n = n + 1;
END;

-- Rows removed with their ticket are handled by ticket_counts_before_delete.
CREATE TRIGGER ticket_history_count_delete AFTER DELETE ON ticket_history
WHEN EXISTS (SELECT 1 FROM ticket WHERE id = OLD.ticket_id) BEGIN
  UPDATE ticket_history_count SET n = n - 1
   WHERE queue_id = (SELECT queue_id FROM ticket WHERE id = OLD.ticket_id);
END;

CREATE TRIGGER ticket_history_count_move AFTER UPDATE OF queue_id ON ticket
WHEN OLD.queue_id IS NOT NEW.queue_id BEGIN
  UPDATE ticket_history_count
     SET n = n - (SELECT count(*) FROM ticket_history WHERE ticket_id = NEW.id)
   WHERE queue_id = OLD.queue_id;
  INSERT INTO ticket_history_count (queue_id, n)
  SELECT NEW.queue_id, count(*) FROM ticket_history WHERE ticket_id = NEW.id
  ON CONFLICT (queue_id) DO UPDATE SET n = n + excluded.n;
END;

-- Tickets are never deleted through the API; a deletion (by an operator's SQL) still leaves the
-- counters right: its history goes with it.
CREATE TRIGGER ticket_counts_before_delete BEFORE DELETE ON ticket BEGIN
  UPDATE ticket_event_count SET created = created - 1
   WHERE queue_id = OLD.queue_id AND bucket = unixepoch(OLD.create_time) / 900;
  UPDATE ticket_event_count
     SET closed = closed - (
       SELECT count(*) FROM ticket_history h
        WHERE h.ticket_id = OLD.id AND h.queue_id = ticket_event_count.queue_id
          AND unixepoch(h.create_time) / 900 = ticket_event_count.bucket
          AND h.state_id IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st
                                ON st.id = s.type_id WHERE st.name = 'closed')
          AND coalesce((SELECT p.state_id FROM ticket_history p
                         WHERE p.ticket_id = h.ticket_id AND p.id < h.id
                         ORDER BY p.id DESC LIMIT 1), 0)
              NOT IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st
                         ON st.id = s.type_id WHERE st.name = 'closed'))
   WHERE (queue_id, bucket) IN (SELECT queue_id, unixepoch(create_time) / 900
                                  FROM ticket_history WHERE ticket_id = OLD.id);
  UPDATE ticket_history_count
     SET n = n - (SELECT count(*) FROM ticket_history WHERE ticket_id = OLD.id)
   WHERE queue_id = OLD.queue_id;
END;

-- Pending reminders already sent (api-v1 §0 background jobs): one per ticket and pending time,
-- so a reminder fires once; a new pending time fires again.
CREATE TABLE ticket_reminder_sent (
  ticket_id  INTEGER PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,
  until_time INTEGER NOT NULL,
  sent_time  TEXT NOT NULL
) STRICT;
