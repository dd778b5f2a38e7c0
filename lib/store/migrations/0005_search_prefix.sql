-- Search speed (issue 6): prefix indexes for `word*` queries, the ticket's queue, state and
-- archive flag inside the full-text index, and a title index for suggestions.

-- Suggestions look up titles that start with the typed text (LIKE 'text%', which ignores ASCII
-- case as NOCASE does) as a range of this index instead of reading every ticket.
CREATE INDEX ticket_title_nocase ON ticket (title COLLATE NOCASE);

-- ticket_search again, with two changes to migration 0003's table (same rowid, tokenizer and
-- text columns, computed by the same views):
--  * FTS5 prefix indexes for prefixes of 2 to 5 characters: `print*` reads one list for
--    "print" instead of merging, in every statement, the lists of each indexed word that starts
--    with it (printer, printing, printed …).
--  * Column `scope` (view ticket_search_scope): the tokens 'q' || ticket.queue_id and
--    's' || ticket.ticket_state_id, plus the word "archived" for archived tickets. An agent's
--    visible queues, `queue:` and `status:` filters and the archive filter of lists become part
--    of the MATCH expression, so matches the caller may not see are skipped inside the index
--    instead of being looked up in `ticket` one by one. User text never matches this column:
--    every user query is restricted to the text columns. A state change rewrites the row.
CREATE VIEW ticket_search_scope AS
SELECT t.id AS ticket_id,
       'q' || t.queue_id || ' s' || t.ticket_state_id ||
       CASE WHEN t.archive_flag = 1 THEN ' archived' ELSE '' END AS scope
  FROM ticket t;

DROP TRIGGER ticket_search_ticket_insert;
DROP TRIGGER ticket_search_ticket_update;
DROP TABLE ticket_search;

CREATE VIRTUAL TABLE ticket_search USING fts5(
  tn, title, customer, public_text, internal_text, scope,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4 5'
);

INSERT INTO ticket_search (rowid, tn, title, customer, public_text, internal_text, scope)
SELECT t.id, t.tn, t.title, c.customer, a.public_text, a.internal_text, s.scope
  FROM ticket t
  JOIN ticket_search_customer c ON c.ticket_id = t.id
  JOIN ticket_search_articles a ON a.ticket_id = t.id
  JOIN ticket_search_scope s ON s.ticket_id = t.id;

CREATE TRIGGER ticket_search_ticket_insert AFTER INSERT ON ticket BEGIN
  INSERT INTO ticket_search (rowid, tn, title, customer, public_text, internal_text, scope)
  SELECT NEW.id, NEW.tn, NEW.title, c.customer, '', '', s.scope
    FROM ticket_search_customer c JOIN ticket_search_scope s ON s.ticket_id = c.ticket_id
   WHERE c.ticket_id = NEW.id;
END;

-- Rewriting an FTS5 row tokenizes all of its text again, so only real changes do it.
CREATE TRIGGER ticket_search_ticket_update
AFTER UPDATE OF tn, title, customer_id, customer_user_id, queue_id, ticket_state_id, archive_flag
ON ticket
WHEN OLD.tn IS NOT NEW.tn OR OLD.title IS NOT NEW.title OR OLD.customer_id IS NOT NEW.customer_id
  OR OLD.customer_user_id IS NOT NEW.customer_user_id COLLATE BINARY
  OR OLD.queue_id IS NOT NEW.queue_id OR OLD.ticket_state_id IS NOT NEW.ticket_state_id
  OR OLD.archive_flag IS NOT NEW.archive_flag
BEGIN
  UPDATE ticket_search
     SET tn = NEW.tn, title = NEW.title,
         customer = (SELECT customer FROM ticket_search_customer WHERE ticket_id = NEW.id),
         scope = (SELECT scope FROM ticket_search_scope WHERE ticket_id = NEW.id)
   WHERE rowid = NEW.id;
END;
