-- The catalog generation. Every request reads the same small, rarely changed tables: the names
-- a ticket row shows beside its ids (queue, state and its type, priority, type, lock, owner and
-- responsible logins) and the calling agent's account and group grants. Each connection caches
-- them (store/catalog.h) instead of joining or querying them again. Every change to those
-- tables, by any process, adds 1 to `n` in the writing transaction; a reader compares `n` with
-- its cache's inside its own transaction, so nothing cached is older than the snapshot it is
-- used with.
CREATE TABLE catalog_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;

INSERT INTO catalog_generation (id, n) VALUES (1, 1);

-- Names of ticket rows.
CREATE TRIGGER queue_catalog_insert AFTER INSERT ON queue BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER queue_catalog_update AFTER UPDATE ON queue BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER queue_catalog_delete AFTER DELETE ON queue BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_catalog_insert AFTER INSERT ON ticket_state BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_catalog_update AFTER UPDATE ON ticket_state BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_catalog_delete AFTER DELETE ON ticket_state BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_type_catalog_insert AFTER INSERT ON ticket_state_type BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_type_catalog_update AFTER UPDATE ON ticket_state_type BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_state_type_catalog_delete AFTER DELETE ON ticket_state_type BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_priority_catalog_insert AFTER INSERT ON ticket_priority BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_priority_catalog_update AFTER UPDATE ON ticket_priority BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_priority_catalog_delete AFTER DELETE ON ticket_priority BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_type_catalog_insert AFTER INSERT ON ticket_type BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_type_catalog_update AFTER UPDATE ON ticket_type BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_type_catalog_delete AFTER DELETE ON ticket_type BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_lock_type_catalog_insert AFTER INSERT ON ticket_lock_type BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_lock_type_catalog_update AFTER UPDATE ON ticket_lock_type BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER ticket_lock_type_catalog_delete AFTER DELETE ON ticket_lock_type BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

-- Group grants (direct and through roles) and the groups' and roles' validity and names.
CREATE TRIGGER groups_catalog_insert AFTER INSERT ON groups BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER groups_catalog_update AFTER UPDATE ON groups BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER groups_catalog_delete AFTER DELETE ON groups BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER roles_catalog_insert AFTER INSERT ON roles BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER roles_catalog_update AFTER UPDATE ON roles BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER roles_catalog_delete AFTER DELETE ON roles BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER group_user_catalog_insert AFTER INSERT ON group_user BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER group_user_catalog_update AFTER UPDATE ON group_user BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER group_user_catalog_delete AFTER DELETE ON group_user BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER role_user_catalog_insert AFTER INSERT ON role_user BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER role_user_catalog_update AFTER UPDATE ON role_user BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER role_user_catalog_delete AFTER DELETE ON role_user BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER group_role_catalog_insert AFTER INSERT ON group_role BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER group_role_catalog_update AFTER UPDATE ON group_role BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER group_role_catalog_delete AFTER DELETE ON group_role BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

-- Agents: their logins and validity (passwords and the like do not count).
CREATE TRIGGER users_catalog_insert AFTER INSERT ON users BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER users_catalog_update AFTER UPDATE OF id, login, valid_id ON users BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER users_catalog_delete AFTER DELETE ON users BEGIN
  UPDATE catalog_generation SET n = n + 1 WHERE id = 1;
END;
