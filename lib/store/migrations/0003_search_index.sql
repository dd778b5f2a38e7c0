-- Full-text index of tickets (issue 6): one FTS5 row per ticket, rowid = ticket.id.
-- Maintained by the triggers below, so every write that changes searchable text updates
-- the index in its own transaction: a ticket is findable the moment its write commits.
--
-- Columns: tn, title, customer (login, company, the customer user's name and e-mail),
-- public_text (subjects and bodies of articles visible to the customer) and internal_text
-- (the other articles). Customers' queries are restricted to the first four columns, so
-- text that exists only in internal notes never matches for them.
-- unicode61 with remove_diacritics 2 folds accents: "resume" finds "résumé".
CREATE VIRTUAL TABLE ticket_search USING fts5(
  tn, title, customer, public_text, internal_text,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- The customer column of ticket `id`.
CREATE VIEW ticket_search_customer AS
SELECT t.id AS ticket_id,
       trim(coalesce(t.customer_user_id, '') || ' ' || coalesce(t.customer_id, '') || ' ' ||
            coalesce((SELECT first_name || ' ' || last_name || ' ' || coalesce(email, '')
                        FROM customer_user cu WHERE cu.login = t.customer_user_id), '')) AS customer
  FROM ticket t;

-- The article columns of ticket `id`.
CREATE VIEW ticket_search_articles AS
SELECT t.id AS ticket_id,
       coalesce((SELECT group_concat(coalesce(m.a_subject, '') || ' ' || m.a_body, ' ')
                   FROM article a JOIN article_data_mime m ON m.article_id = a.id
                  WHERE a.ticket_id = t.id AND a.is_visible_for_customer = 1), '') AS public_text,
       coalesce((SELECT group_concat(coalesce(m.a_subject, '') || ' ' || m.a_body, ' ')
                   FROM article a JOIN article_data_mime m ON m.article_id = a.id
                  WHERE a.ticket_id = t.id AND a.is_visible_for_customer = 0), '') AS internal_text
  FROM ticket t;

INSERT INTO ticket_search (rowid, tn, title, customer, public_text, internal_text)
SELECT t.id, t.tn, t.title, c.customer, a.public_text, a.internal_text
  FROM ticket t
  JOIN ticket_search_customer c ON c.ticket_id = t.id
  JOIN ticket_search_articles a ON a.ticket_id = t.id;

CREATE TRIGGER ticket_search_ticket_insert AFTER INSERT ON ticket BEGIN
  INSERT INTO ticket_search (rowid, tn, title, customer, public_text, internal_text)
  SELECT NEW.id, NEW.tn, NEW.title, c.customer, '', ''
    FROM ticket_search_customer c WHERE c.ticket_id = NEW.id;
END;

CREATE TRIGGER ticket_search_ticket_update
AFTER UPDATE OF tn, title, customer_id, customer_user_id ON ticket BEGIN
  UPDATE ticket_search
     SET tn = NEW.tn, title = NEW.title,
         customer = (SELECT customer FROM ticket_search_customer WHERE ticket_id = NEW.id)
   WHERE rowid = NEW.id;
END;

CREATE TRIGGER ticket_search_ticket_delete AFTER DELETE ON ticket BEGIN
  DELETE FROM ticket_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER ticket_search_customer_update
AFTER UPDATE OF login, first_name, last_name, email ON customer_user BEGIN
  UPDATE ticket_search
     SET customer = (SELECT customer FROM ticket_search_customer WHERE ticket_id = ticket_search.rowid)
   WHERE rowid IN (SELECT id FROM ticket WHERE customer_user_id IN (OLD.login, NEW.login));
END;

-- Article text: the ticket's article columns are recomputed from the tables, so inserts,
-- edits, visibility changes, moves (merge) and deletes all end in the same state.
CREATE TRIGGER ticket_search_article_text_insert AFTER INSERT ON article_data_mime BEGIN
  UPDATE ticket_search
     SET public_text = (SELECT public_text FROM ticket_search_articles WHERE ticket_id = ticket_search.rowid),
         internal_text = (SELECT internal_text FROM ticket_search_articles WHERE ticket_id = ticket_search.rowid)
   WHERE rowid = (SELECT ticket_id FROM article WHERE id = NEW.article_id);
END;

CREATE TRIGGER ticket_search_article_text_update
AFTER UPDATE OF a_subject, a_body ON article_data_mime BEGIN
  UPDATE ticket_search
     SET public_text = (SELECT public_text FROM ticket_search_articles WHERE ticket_id = ticket_search.rowid),
         internal_text = (SELECT internal_text FROM ticket_search_articles WHERE ticket_id = ticket_search.rowid)
   WHERE rowid = (SELECT ticket_id FROM article WHERE id = NEW.article_id);
END;

CREATE TRIGGER ticket_search_article_update
AFTER UPDATE OF ticket_id, is_visible_for_customer ON article BEGIN
  UPDATE ticket_search
     SET public_text = (SELECT public_text FROM ticket_search_articles WHERE ticket_id = ticket_search.rowid),
         internal_text = (SELECT internal_text FROM ticket_search_articles WHERE ticket_id = ticket_search.rowid)
   WHERE rowid IN (OLD.ticket_id, NEW.ticket_id);
END;

CREATE TRIGGER ticket_search_article_delete AFTER DELETE ON article BEGIN
  UPDATE ticket_search
     SET public_text = (SELECT public_text FROM ticket_search_articles WHERE ticket_id = ticket_search.rowid),
         internal_text = (SELECT internal_text FROM ticket_search_articles WHERE ticket_id = ticket_search.rowid)
   WHERE rowid = OLD.ticket_id;
END;

-- Article index for the search box's article results: one row per article,
-- rowid = article.id; ticket and visibility come from `article` at query time.
CREATE VIRTUAL TABLE article_search USING fts5(
  subject, body,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO article_search (rowid, subject, body)
SELECT article_id, coalesce(a_subject, ''), a_body FROM article_data_mime;

CREATE TRIGGER article_search_insert AFTER INSERT ON article_data_mime BEGIN
  INSERT INTO article_search (rowid, subject, body)
  VALUES (NEW.article_id, coalesce(NEW.a_subject, ''), NEW.a_body);
END;

CREATE TRIGGER article_search_update
AFTER UPDATE OF article_id, a_subject, a_body ON article_data_mime BEGIN
  DELETE FROM article_search WHERE rowid = OLD.article_id;
  INSERT INTO article_search (rowid, subject, body)
  VALUES (NEW.article_id, coalesce(NEW.a_subject, ''), NEW.a_body);
END;

CREATE TRIGGER article_search_delete AFTER DELETE ON article_data_mime BEGIN
  DELETE FROM article_search WHERE rowid = OLD.article_id;
END;
