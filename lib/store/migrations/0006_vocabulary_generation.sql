-- The vocabulary generation: the names a ticket row shows (queue, state and its type,
-- priority, type, lock, owner and responsible logins) are cached per connection
-- (store/vocabulary.h) instead of joined into every ticket query. Every change to those
-- tables, by any process, bumps `n` in the writing transaction; a reader compares `n`
-- with its cache's inside its own transaction, so a cached name is never older than the
-- snapshot it is shown with.
CREATE TABLE vocabulary_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;

INSERT INTO vocabulary_generation (id, n) VALUES (1, 1);

CREATE TRIGGER queue_vocabulary_insert AFTER INSERT ON queue BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER queue_vocabulary_update AFTER UPDATE ON queue BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER queue_vocabulary_delete AFTER DELETE ON queue BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_vocabulary_insert AFTER INSERT ON ticket_state BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_vocabulary_update AFTER UPDATE ON ticket_state BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_vocabulary_delete AFTER DELETE ON ticket_state BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_type_vocabulary_insert AFTER INSERT ON ticket_state_type BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_type_vocabulary_update AFTER UPDATE ON ticket_state_type BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_type_vocabulary_delete AFTER DELETE ON ticket_state_type BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_priority_vocabulary_insert AFTER INSERT ON ticket_priority BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_priority_vocabulary_update AFTER UPDATE ON ticket_priority BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_priority_vocabulary_delete AFTER DELETE ON ticket_priority BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_type_vocabulary_insert AFTER INSERT ON ticket_type BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_type_vocabulary_update AFTER UPDATE ON ticket_type BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_type_vocabulary_delete AFTER DELETE ON ticket_type BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_lock_type_vocabulary_insert AFTER INSERT ON ticket_lock_type BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_lock_type_vocabulary_update AFTER UPDATE ON ticket_lock_type BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_lock_type_vocabulary_delete AFTER DELETE ON ticket_lock_type BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

-- users: only the login shows in ticket rows (passwords, last logins and the like do not bump).

CREATE TRIGGER users_vocabulary_insert AFTER INSERT ON users BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER users_vocabulary_update AFTER UPDATE OF id, login ON users BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER users_vocabulary_delete AFTER DELETE ON users BEGIN
  UPDATE vocabulary_generation SET n = n + 1 WHERE id = 1;
END;
