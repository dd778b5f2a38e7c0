-- Search speed (issue 6): prefix indexes for `word*` queries, the ticket's queue inside the
-- full-text index, and a title index for suggestions.

-- Suggestions look up titles that start with the typed text (LIKE 'text%', which ignores ASCII
-- case as NOCASE does) as a range of this index instead of reading every ticket.
CREATE INDEX ticket_title_nocase ON ticket (title COLLATE NOCASE);

-- ticket_search again, with two changes to migration 0003's table (same rowid, tokenizer and
-- text columns, computed by the same views):
--  * FTS5 prefix indexes for prefixes of 2 to 5 characters: `print*` reads one list for
--    "print" instead of merging, in every statement, the lists of each indexed word that starts
--    with it (printer, printing, printed …).
--  * Column `queue`: the token 'q' || ticket.queue_id. An agent's visible queues and `queue:`
--    filters become part of the MATCH expression, so matches of queues the caller cannot read
--    are skipped inside the index instead of being looked up in `ticket` one by one. User text
--    never matches this column: every user query is restricted to the text columns.
DROP TRIGGER ticket_search_ticket_insert;
DROP TRIGGER ticket_search_ticket_update;
DROP TABLE ticket_search;

CREATE VIRTUAL TABLE ticket_search USING fts5(
  tn, title, customer, public_text, internal_text, queue,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4 5'
);

INSERT INTO ticket_search (rowid, tn, title, customer, public_text, internal_text, queue)
SELECT t.id, t.tn, t.title, c.customer, a.public_text, a.internal_text, 'q' || t.queue_id
  FROM ticket t
  JOIN ticket_search_customer c ON c.ticket_id = t.id
  JOIN ticket_search_articles a ON a.ticket_id = t.id;

CREATE TRIGGER ticket_search_ticket_insert AFTER INSERT ON ticket BEGIN
  INSERT INTO ticket_search (rowid, tn, title, customer, public_text, internal_text, queue)
  SELECT NEW.id, NEW.tn, NEW.title, c.customer, '', '', 'q' || NEW.queue_id
    FROM ticket_search_customer c WHERE c.ticket_id = NEW.id;
END;

-- Rewriting an FTS5 row tokenizes all of its text again, so only real changes do it.
CREATE TRIGGER ticket_search_ticket_update
AFTER UPDATE OF tn, title, customer_id, customer_user_id, queue_id ON ticket
WHEN OLD.tn IS NOT NEW.tn OR OLD.title IS NOT NEW.title OR OLD.customer_id IS NOT NEW.customer_id
  OR OLD.customer_user_id IS NOT NEW.customer_user_id COLLATE BINARY
  OR OLD.queue_id IS NOT NEW.queue_id
BEGIN
  UPDATE ticket_search
     SET tn = NEW.tn, title = NEW.title,
         customer = (SELECT customer FROM ticket_search_customer WHERE ticket_id = NEW.id),
         queue = 'q' || NEW.queue_id
   WHERE rowid = NEW.id;
END;
