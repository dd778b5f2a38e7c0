-- 0001 initial schema: every table of spec/domain.md and spec/security.md plus the default data
-- of domain.md §9. Documented in docs/schema.md (keep the two in step).
--
-- Contracts:
-- * Names follow the OTRS 6 schema, so SQL written for OTRS/GoatFlow reads this database.
-- * `*_time` / `*_at` columns hold UTC text 'YYYY-MM-DD HH:MM:SS'; `until_time`, `timeout`,
--   `escalation_*` and `incoming_time` hold Unix seconds (0 = unset).
-- * The migration runner executes this file inside one transaction, records the version and then
--   replaces the empty `users.pw` of the admin (id 1) with an Argon2id hash before COMMIT.
-- * Bootstrap cycles (valid <-> users, queue <-> system_address) are closed with DEFERRABLE
--   foreign keys on tables the application never writes to in normal operation; they are still
--   checked, at COMMIT.
-- * The full-text index belongs to a later migration.

-- ---------------------------------------------------------------------------------------------
-- Identity (created first: nearly every table's create_by/change_by references users)
-- ---------------------------------------------------------------------------------------------

-- Validity flags of master data: 1 valid, 2 invalid, 3 invalid-temporarily.
CREATE TABLE valid (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  -- Deferred: valid rows are inserted before user 1 exists (users.valid_id needs them).
  create_by   INTEGER NOT NULL REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED,
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

-- Agents. No e-mail column: an agent's address is user_preferences key 'UserEmail' (domain §2.1).
-- Logins compare case-insensitively (NOCASE) for uniqueness and lookup.
CREATE TABLE users (
  id          INTEGER PRIMARY KEY,
  login       TEXT NOT NULL COLLATE NOCASE UNIQUE,
  pw          TEXT NOT NULL,  -- hash ($argon2id$, bcrypt, legacy SHA-256), never clear text
  title       TEXT,
  first_name  TEXT NOT NULL,
  last_name   TEXT NOT NULL,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Agent preferences, one row per key. Holds secrets too (TOTP keys), so execute_sql denies it.
CREATE TABLE user_preferences (
  user_id           INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  preferences_key   TEXT NOT NULL,
  preferences_value TEXT,
  UNIQUE (user_id, preferences_key)
) STRICT;
-- Agent e-mail addresses are unique (api-v1 §10) and looked up by address:
-- WHERE preferences_key = 'UserEmail' AND preferences_value = ? COLLATE NOCASE.
CREATE UNIQUE INDEX user_preferences_email ON user_preferences (preferences_value COLLATE NOCASE)
  WHERE preferences_key = 'UserEmail';

-- Permission containers; every queue belongs to one group.
CREATE TABLE groups (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  comments    TEXT,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Agent <-> group grants, one row per permission key (domain §2.5).
CREATE TABLE group_user (
  user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  group_id         INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  permission_key   TEXT NOT NULL
    CHECK (permission_key IN ('ro','move_into','create','note','owner','priority','rw')),
  permission_value INTEGER NOT NULL DEFAULT 1 CHECK (permission_value IN (0, 1)),
  create_time      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by        INTEGER NOT NULL REFERENCES users(id),
  change_time      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by        INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (user_id, group_id, permission_key)
) STRICT;
CREATE INDEX group_user_group_id ON group_user (group_id);

-- Optional bundles of group grants (none on a fresh install).
CREATE TABLE roles (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  comments    TEXT,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Agent <-> role membership.
CREATE TABLE role_user (
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role_id     INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (user_id, role_id)
) STRICT;
CREATE INDEX role_user_role_id ON role_user (role_id);

-- Role <-> group grants; only permission_value = 1 grants.
CREATE TABLE group_role (
  role_id          INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  group_id         INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  permission_key   TEXT NOT NULL
    CHECK (permission_key IN ('ro','move_into','create','note','owner','priority','rw')),
  permission_value INTEGER NOT NULL DEFAULT 1 CHECK (permission_value IN (0, 1)),
  create_time      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by        INTEGER NOT NULL REFERENCES users(id),
  change_time      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by        INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (role_id, group_id, permission_key)
) STRICT;
CREATE INDEX group_role_group_id ON group_role (group_id);

-- Customer companies, keyed by their text id (ticket.customer_id refers to it as free text).
CREATE TABLE customer_company (
  customer_id TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  street      TEXT,
  zip         TEXT,
  city        TEXT,
  country     TEXT,
  url         TEXT,
  comments    TEXT,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Customer users: a separate id space from users.id; tickets refer to them by login.
-- customer_id (primary company) is free text as in OTRS: it need not name a customer_company row.
CREATE TABLE customer_user (
  id          INTEGER PRIMARY KEY,
  login       TEXT NOT NULL COLLATE NOCASE UNIQUE,
  email       TEXT COLLATE NOCASE UNIQUE,
  customer_id TEXT,
  pw          TEXT,  -- password hash; NULL = cannot log in with a password
  title       TEXT,
  first_name  TEXT NOT NULL,
  last_name   TEXT NOT NULL,
  phone       TEXT,
  fax         TEXT,
  mobile      TEXT,
  street      TEXT,
  zip         TEXT,
  city        TEXT,
  country     TEXT,
  comments    TEXT,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX customer_user_customer_id ON customer_user (customer_id);

-- Extra companies of a customer user (user_id = customer login).
CREATE TABLE customer_user_customer (
  user_id     TEXT NOT NULL REFERENCES customer_user(login) ON UPDATE CASCADE ON DELETE CASCADE,
  customer_id TEXT NOT NULL
    REFERENCES customer_company(customer_id) ON UPDATE CASCADE ON DELETE CASCADE,
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (user_id, customer_id)
) STRICT;
CREATE INDEX customer_user_customer_customer_id ON customer_user_customer (customer_id);

-- Customer preferences (user_id = customer login). Holds secrets too (TOTP keys).
CREATE TABLE customer_preferences (
  user_id           TEXT NOT NULL
    REFERENCES customer_user(login) ON UPDATE CASCADE ON DELETE CASCADE,
  preferences_key   TEXT NOT NULL,
  preferences_value TEXT,
  UNIQUE (user_id, preferences_key)
) STRICT;

-- Customer user <-> group grants (user_id = customer login; keys ro/rw). Consulted only when
-- company-wide customer visibility is enabled (domain §2.5).
CREATE TABLE group_customer_user (
  user_id          TEXT NOT NULL
    REFERENCES customer_user(login) ON UPDATE CASCADE ON DELETE CASCADE,
  group_id         INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  permission_key   TEXT NOT NULL CHECK (permission_key IN ('ro', 'rw')),
  permission_value INTEGER NOT NULL DEFAULT 1 CHECK (permission_value IN (0, 1)),
  create_time      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by        INTEGER NOT NULL REFERENCES users(id),
  change_time      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by        INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (user_id, group_id, permission_key)
) STRICT;
CREATE INDEX group_customer_user_group_id ON group_customer_user (group_id);

-- Customer company <-> group grants (keys ro/rw), per OTRS permission context.
CREATE TABLE group_customer (
  customer_id        TEXT NOT NULL
    REFERENCES customer_company(customer_id) ON UPDATE CASCADE ON DELETE CASCADE,
  group_id           INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  permission_key     TEXT NOT NULL CHECK (permission_key IN ('ro', 'rw')),
  permission_value   INTEGER NOT NULL DEFAULT 1 CHECK (permission_value IN (0, 1)),
  permission_context TEXT NOT NULL,
  create_time        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by          INTEGER NOT NULL REFERENCES users(id),
  change_time        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by          INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (customer_id, group_id, permission_key, permission_context)
) STRICT;
CREATE INDEX group_customer_group_id ON group_customer (group_id);

-- ---------------------------------------------------------------------------------------------
-- Ticket lookups
-- ---------------------------------------------------------------------------------------------

-- State categories; business rules classify states by these (domain §4.2).
CREATE TABLE ticket_state_type (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  comments    TEXT,
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Ticket states, each of one state type.
CREATE TABLE ticket_state (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  comments    TEXT,
  type_id     INTEGER NOT NULL REFERENCES ticket_state_type(id),
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX ticket_state_type_id ON ticket_state (type_id);

-- Ticket priorities with a display colour (OTRS has no color column; GoatFlow adds it).
CREATE TABLE ticket_priority (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  color       TEXT NOT NULL DEFAULT '#cdcdcd',
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Ticket types (Unclassified, Incident, ...).
CREATE TABLE ticket_type (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Lock states: unlock, lock, tmp_lock.
CREATE TABLE ticket_lock_type (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Who wrote an article: agent, system, customer.
CREATE TABLE article_sender_type (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  comments    TEXT,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- How an article arrived: Email, Phone, Internal, Chat (module/package_name kept for OTRS SQL).
CREATE TABLE communication_channel (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  module       TEXT,
  package_name TEXT,
  channel_data TEXT,
  valid_id     INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by    INTEGER NOT NULL REFERENCES users(id),
  change_time  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by    INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Names of ticket history entries (domain §6); looked up by name, created on first use.
CREATE TABLE ticket_history_type (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  comments    TEXT,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- What a customer follow-up on a closed ticket does: possible, reject, new ticket.
CREATE TABLE follow_up_possible (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  comments    TEXT,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- ---------------------------------------------------------------------------------------------
-- Queues and mail identity
-- ---------------------------------------------------------------------------------------------

-- Opening texts of outgoing answers.
CREATE TABLE salutation (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  text         TEXT NOT NULL,
  content_type TEXT,
  comments     TEXT,
  valid_id     INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by    INTEGER NOT NULL REFERENCES users(id),
  change_time  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by    INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Closing texts of outgoing answers.
CREATE TABLE signature (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  text         TEXT NOT NULL,
  content_type TEXT,
  comments     TEXT,
  valid_id     INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by    INTEGER NOT NULL REFERENCES users(id),
  change_time  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by    INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Sender addresses (value0 = e-mail, value1 = display name) and the queue mail to them lands in.
CREATE TABLE system_address (
  id          INTEGER PRIMARY KEY,
  value0      TEXT NOT NULL,
  value1      TEXT NOT NULL,
  value2      TEXT,
  value3      TEXT,
  -- Deferred: queue and system_address reference each other; checked at COMMIT.
  queue_id    INTEGER NOT NULL REFERENCES queue(id) DEFERRABLE INITIALLY DEFERRED,
  comments    TEXT,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Queues. Access to a queue's tickets is decided by its group (domain §2.5). Names are unique
-- case-insensitively (api-v1 §6). first_response_time, update_time and solution_time are
-- escalation periods in minutes (NULL = none), not timestamps, despite the OTRS names.
CREATE TABLE queue (
  id                    INTEGER PRIMARY KEY,
  name                  TEXT NOT NULL COLLATE NOCASE UNIQUE,
  group_id              INTEGER NOT NULL REFERENCES groups(id),
  unlock_timeout        INTEGER NOT NULL DEFAULT 0 CHECK (unlock_timeout >= 0),  -- min; 0 = never
  first_response_time   INTEGER,
  first_response_notify INTEGER,
  update_time           INTEGER,
  update_notify         INTEGER,
  solution_time         INTEGER,
  solution_notify       INTEGER,
  system_address_id     INTEGER NOT NULL DEFAULT 1 REFERENCES system_address(id),
  calendar_name         TEXT,
  default_sign_key      TEXT,
  salutation_id         INTEGER NOT NULL DEFAULT 1 REFERENCES salutation(id),
  signature_id          INTEGER NOT NULL DEFAULT 1 REFERENCES signature(id),
  follow_up_id          INTEGER NOT NULL DEFAULT 1 REFERENCES follow_up_possible(id),
  follow_up_lock        INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_lock IN (0, 1)),
  comments              TEXT,
  valid_id              INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by             INTEGER NOT NULL REFERENCES users(id),
  change_time           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by             INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX queue_group_id ON queue (group_id);

-- Extra groups listed on a queue (api-v1 §2.3 `groups`, `group_access`; GoatFlow queue_group).
CREATE TABLE queue_group (
  queue_id    INTEGER NOT NULL REFERENCES queue(id) ON DELETE CASCADE,
  group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (queue_id, group_id)
) STRICT;
CREATE INDEX queue_group_group_id ON queue_group (group_id);

-- ---------------------------------------------------------------------------------------------
-- Tickets and articles
-- ---------------------------------------------------------------------------------------------

-- Tickets (domain §4.1). customer_user_id (a customer login, compared case-insensitively like
-- logins) and customer_id (a company id) are free text without foreign keys (api-v1 §0).
-- service_id/sla_id have no tables yet and so no foreign keys.
CREATE TABLE ticket (
  id                       INTEGER PRIMARY KEY,
  tn                       TEXT NOT NULL UNIQUE,
  title                    TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 255),
  queue_id                 INTEGER NOT NULL REFERENCES queue(id),
  ticket_lock_id           INTEGER NOT NULL DEFAULT 1 REFERENCES ticket_lock_type(id),
  type_id                  INTEGER DEFAULT 1 REFERENCES ticket_type(id),
  service_id               INTEGER,
  sla_id                   INTEGER,
  user_id                  INTEGER NOT NULL REFERENCES users(id),  -- owner
  responsible_user_id      INTEGER REFERENCES users(id),
  ticket_priority_id       INTEGER NOT NULL REFERENCES ticket_priority(id),
  ticket_state_id          INTEGER NOT NULL REFERENCES ticket_state(id),
  customer_id              TEXT,
  customer_user_id         TEXT COLLATE NOCASE,
  timeout                  INTEGER NOT NULL DEFAULT 0,
  until_time               INTEGER NOT NULL DEFAULT 0,
  escalation_time          INTEGER NOT NULL DEFAULT 0,
  escalation_update_time   INTEGER NOT NULL DEFAULT 0,
  escalation_response_time INTEGER NOT NULL DEFAULT 0,
  escalation_solution_time INTEGER NOT NULL DEFAULT 0,
  archive_flag             INTEGER NOT NULL DEFAULT 0 CHECK (archive_flag IN (0, 1)),
  create_time              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by                INTEGER NOT NULL REFERENCES users(id),
  change_time              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by                INTEGER NOT NULL REFERENCES users(id)
) STRICT;
-- List pages (api-v1 §4.1) default to archive_flag = 0 sorted by created or updated, newest
-- first: these two let a page of 20 walk the index in order and stop early (rowid breaks ties).
CREATE INDEX ticket_archive_create_time ON ticket (archive_flag, create_time);
CREATE INDEX ticket_archive_change_time ON ticket (archive_flag, change_time);
-- One queue's page (GET /queues/:id/tickets) without walking other queues' tickets.
CREATE INDEX ticket_queue_archive_create_time ON ticket (queue_id, archive_flag, create_time);
-- Queue/status filters, queue stats and dashboard counts (covering: no table reads for counts).
CREATE INDEX ticket_queue_state ON ticket (queue_id, ticket_state_id, archive_flag);
-- Status filters across queues and the pending jobs (state in pending types, until_time <= now).
CREATE INDEX ticket_state_until ON ticket (ticket_state_id, until_time);
CREATE INDEX ticket_priority_id ON ticket (ticket_priority_id);
CREATE INDEX ticket_user_id ON ticket (user_id);
CREATE INDEX ticket_responsible_user_id ON ticket (responsible_user_id);
CREATE INDEX ticket_customer_user_id ON ticket (customer_user_id);
CREATE INDEX ticket_customer_id ON ticket (customer_id);
CREATE INDEX ticket_create_time ON ticket (create_time);
CREATE INDEX ticket_change_time ON ticket (change_time);
-- Unlock-timeout job (locked tickets) and overdue counts (escalation passed).
CREATE INDEX ticket_lock_timeout ON ticket (ticket_lock_id, timeout);
CREATE INDEX ticket_escalation_time ON ticket (escalation_time);

-- Ticket number counters (domain §10.1): counter_uid = SystemID or SystemID_YYYYMMDD, bumped
-- atomically with an upsert.
CREATE TABLE ticket_number_counter (
  id          INTEGER PRIMARY KEY,
  counter     INTEGER NOT NULL,
  counter_uid TEXT NOT NULL UNIQUE,
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now'))
) STRICT;

-- Article metadata: one message or note on a ticket. Customer-authored rows have create_by 1.
CREATE TABLE article (
  id                         INTEGER PRIMARY KEY,
  ticket_id                  INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
  article_sender_type_id     INTEGER NOT NULL REFERENCES article_sender_type(id),
  communication_channel_id   INTEGER NOT NULL REFERENCES communication_channel(id),
  is_visible_for_customer    INTEGER NOT NULL DEFAULT 0 CHECK (is_visible_for_customer IN (0, 1)),
  search_index_needs_rebuild INTEGER NOT NULL DEFAULT 1
    CHECK (search_index_needs_rebuild IN (0, 1)),
  insert_fingerprint         TEXT,
  create_time                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by                  INTEGER NOT NULL REFERENCES users(id),
  change_time                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by                  INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX article_ticket_id ON article (ticket_id, id);
CREATE INDEX article_needs_reindex ON article (id) WHERE search_index_needs_rebuild = 1;

-- Article content (headers and body), exactly one row per article.
CREATE TABLE article_data_mime (
  id               INTEGER PRIMARY KEY,
  article_id       INTEGER NOT NULL UNIQUE REFERENCES article(id) ON DELETE CASCADE,
  a_from           TEXT,
  a_reply_to       TEXT,
  a_to             TEXT,
  a_cc             TEXT,
  a_bcc            TEXT,
  a_subject        TEXT,
  a_message_id     TEXT,
  a_message_id_md5 TEXT,
  a_in_reply_to    TEXT,
  a_references     TEXT,
  a_content_type   TEXT,
  a_body           TEXT NOT NULL,
  incoming_time    INTEGER NOT NULL DEFAULT 0,
  content_path     TEXT,
  create_time      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by        INTEGER NOT NULL REFERENCES users(id),
  change_time      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by        INTEGER NOT NULL REFERENCES users(id)
) STRICT;
-- Mail threading: find the article a reply refers to.
CREATE INDEX article_data_mime_message_id_md5 ON article_data_mime (a_message_id_md5);

-- Attachment bytes of an article (content_size is text, as in OTRS).
CREATE TABLE article_data_mime_attachment (
  id                  INTEGER PRIMARY KEY,
  article_id          INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
  filename            TEXT,
  content_size        TEXT,
  content_type        TEXT,
  content_id          TEXT,
  content_alternative TEXT,
  disposition         TEXT CHECK (disposition IS NULL OR disposition IN ('attachment', 'inline')),
  content             BLOB NOT NULL,
  create_time         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by           INTEGER NOT NULL REFERENCES users(id),
  change_time         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by           INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX article_data_mime_attachment_article_id ON article_data_mime_attachment (article_id);

-- Time spent on a ticket (time_unit, OTRS decimal(10,2)); each entry also writes TimeAccounting
-- history.
CREATE TABLE time_accounting (
  id          INTEGER PRIMARY KEY,
  ticket_id   INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
  article_id  INTEGER REFERENCES article(id) ON DELETE SET NULL,
  time_unit   REAL NOT NULL CHECK (time_unit >= 0),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX time_accounting_ticket_id ON time_accounting (ticket_id);

-- ---------------------------------------------------------------------------------------------
-- History and links
-- ---------------------------------------------------------------------------------------------

-- Ticket history (domain §6): one row per change, written in the change's transaction. type_id,
-- queue_id, owner_id, priority_id and state_id snapshot the ticket after the change.
CREATE TABLE ticket_history (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  history_type_id INTEGER NOT NULL REFERENCES ticket_history_type(id),
  ticket_id       INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
  article_id      INTEGER REFERENCES article(id) ON DELETE SET NULL,
  type_id         INTEGER REFERENCES ticket_type(id),
  queue_id        INTEGER NOT NULL REFERENCES queue(id),
  owner_id        INTEGER NOT NULL REFERENCES users(id),
  priority_id     INTEGER NOT NULL REFERENCES ticket_priority(id),
  state_id        INTEGER NOT NULL REFERENCES ticket_state(id),
  create_time     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by       INTEGER NOT NULL REFERENCES users(id),  -- the actor
  change_time     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by       INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX ticket_history_ticket_id ON ticket_history (ticket_id, id);
-- "closed today" and similar: entries of one type since a time.
CREATE INDEX ticket_history_type_time ON ticket_history (history_type_id, create_time);
CREATE INDEX ticket_history_article_id ON ticket_history (article_id) WHERE article_id IS NOT NULL;

-- Kinds of linkable objects (only 'Ticket').
CREATE TABLE link_object (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;

-- Link types: Normal, ParentChild.
CREATE TABLE link_type (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Link states: Valid, Temporary.
CREATE TABLE link_state (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  valid_id    INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by   INTEGER NOT NULL REFERENCES users(id),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Links between objects; for tickets source_key/target_key are ticket ids as decimal text.
CREATE TABLE link_relation (
  source_object_id INTEGER NOT NULL REFERENCES link_object(id),
  source_key       TEXT NOT NULL,
  target_object_id INTEGER NOT NULL REFERENCES link_object(id),
  target_key       TEXT NOT NULL,
  type_id          INTEGER NOT NULL REFERENCES link_type(id),
  state_id         INTEGER NOT NULL REFERENCES link_state(id),
  create_time      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  create_by        INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (source_object_id, source_key, target_object_id, target_key, type_id)
) STRICT;
-- Outbound links use the unique index's prefix; inbound links need this one.
CREATE INDEX link_relation_target ON link_relation (target_object_id, target_key, state_id);

-- ---------------------------------------------------------------------------------------------
-- User data
-- ---------------------------------------------------------------------------------------------

-- Saved searches (domain §8.1): key/value rows; one search = all rows of (login, profile_name).
-- login is an agent's or a customer's login (logins are unique across both).
CREATE TABLE search_profile (
  login         TEXT NOT NULL,
  profile_name  TEXT NOT NULL,
  profile_type  TEXT NOT NULL DEFAULT 'TicketSearch',
  profile_key   TEXT NOT NULL,
  profile_value TEXT
) STRICT;
CREATE INDEX search_profile_login_name ON search_profile (login, profile_name);

-- In-app notifications for one principal (kind, id); no foreign key on user_id because the id
-- space depends on user_kind. kind: pending_reminder, ticket_assigned, ticket_escalation,
-- mention, customer_article, ticket_moved, ticket_closed (left unchecked so kinds can grow).
CREATE TABLE notification (
  id          INTEGER PRIMARY KEY,
  user_kind   TEXT NOT NULL CHECK (user_kind IN ('agent', 'customer')),
  user_id     INTEGER NOT NULL,
  ticket_id   INTEGER REFERENCES ticket(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL DEFAULT '',
  is_read     INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now'))
) STRICT;
CREATE INDEX notification_recipient ON notification (user_kind, user_id, is_read, id);

-- ---------------------------------------------------------------------------------------------
-- Security records (execute_sql denies all of these tables)
-- ---------------------------------------------------------------------------------------------

-- Browser sessions (security §5), one typed row per session instead of OTRS key/value rows.
-- session_id stores a hex hash of the session id, never the id itself. The (user_kind, user_id)
-- pair names an agent (users.id) or a customer (customer_user.id).
CREATE TABLE sessions (
  id                     INTEGER PRIMARY KEY,
  session_id             TEXT NOT NULL UNIQUE,
  user_kind              TEXT NOT NULL CHECK (user_kind IN ('agent', 'customer')),
  user_id                INTEGER NOT NULL,
  user_login             TEXT NOT NULL,
  create_time            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  last_request           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  expires_at             TEXT NOT NULL,  -- absolute end (create_time + max lifetime)
  user_remote_addr       TEXT,
  user_remote_user_agent TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions (user_kind, user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Refresh tokens (security §4.3): one row per issued token, rotated on every use. A reused or
-- revoked jti revokes its whole family_id; deleting the session deletes its family.
CREATE TABLE auth_refresh_token (
  id          INTEGER PRIMARY KEY,
  jti_hash    TEXT NOT NULL UNIQUE,  -- hex hash of the JWT's jti, never the jti
  family_id   TEXT NOT NULL,
  session_id  INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
  user_kind   TEXT NOT NULL CHECK (user_kind IN ('agent', 'customer')),
  user_id     INTEGER NOT NULL,
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  expires_at  TEXT NOT NULL,
  used_at     TEXT,
  revoked_at  TEXT
) STRICT;
CREATE INDEX auth_refresh_token_family ON auth_refresh_token (family_id);
CREATE INDEX auth_refresh_token_session ON auth_refresh_token (session_id);
CREATE INDEX auth_refresh_token_user ON auth_refresh_token (user_kind, user_id);
CREATE INDEX auth_refresh_token_expires_at ON auth_refresh_token (expires_at);

-- Personal API tokens (security §8.1): gf_<prefix>_<secret>. token_hash is the hex keyed
-- BLAKE2b digest of the full token (key in system_secret); the token itself is never stored.
-- scopes: JSON array, NULL or [] = all of the owner's permissions. created_by/revoked_by: the
-- acting principal's id (an admin's users.id when done on the owner's behalf); no foreign key.
CREATE TABLE user_api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL,
  user_type    TEXT NOT NULL CHECK (user_type IN ('agent', 'customer')),
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix       TEXT NOT NULL CHECK (length(prefix) = 8),
  token_hash   TEXT NOT NULL UNIQUE,
  scopes       TEXT CHECK (scopes IS NULL OR json_valid(scopes)),
  expires_at   TEXT,  -- NULL = never
  last_used_at TEXT,
  last_used_ip TEXT,
  rate_limit   INTEGER NOT NULL DEFAULT 1000 CHECK (rate_limit BETWEEN 1 AND 100000),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  created_by   INTEGER,
  revoked_at   TEXT,
  revoked_by   INTEGER
) STRICT;
CREATE INDEX user_api_tokens_prefix ON user_api_tokens (prefix);
CREATE INDEX user_api_tokens_owner ON user_api_tokens (user_type, user_id);

-- Append-only audit log (security §12). actor_id is an id of actor_kind's space (no foreign
-- key); target_id is text because targets include text keys (customer companies, config keys).
-- details is JSON with secrets masked. Rows are never updated or deleted (triggers below).
CREATE TABLE audit_log (
  id                INTEGER PRIMARY KEY,
  create_time       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  actor_kind        TEXT NOT NULL
    CHECK (actor_kind IN ('agent', 'customer', 'system', 'anonymous')),
  actor_id          INTEGER,
  actor_login       TEXT,
  auth_method       TEXT,  -- password, session, jwt, api_token, ldap, local
  api_token_id      INTEGER,
  action            TEXT NOT NULL,
  target_type       TEXT,
  target_id         TEXT,
  target_identifier TEXT,
  outcome           TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  reason            TEXT,
  ip_address        TEXT,
  user_agent        TEXT,
  request_id        TEXT,
  details           TEXT CHECK (details IS NULL OR json_valid(details))
) STRICT;
-- Filters of GET /admin/audit/logs; newest first is rowid order within each.
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_actor_id ON audit_log (actor_id);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);
CREATE INDEX audit_log_create_time ON audit_log (create_time);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- ---------------------------------------------------------------------------------------------
-- Configuration
-- ---------------------------------------------------------------------------------------------

-- Stored settings (domain §8.4) that differ from the built-in defaults; value is JSON. Secret
-- settings never live here (they go to system_secret), so the table is safe to read.
CREATE TABLE system_config (
  name        TEXT PRIMARY KEY,
  value       TEXT NOT NULL CHECK (json_valid(value)),
  change_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now')),
  change_by   INTEGER NOT NULL REFERENCES users(id)
) STRICT;

-- Server secrets: JWT signing key, API-token hash key and other keys or secret settings.
CREATE TABLE system_secret (
  name        TEXT PRIMARY KEY,
  value       BLOB NOT NULL,
  create_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now'))
) STRICT;

-- =============================================================================================
-- Default data (domain.md §9, §4.2-4.4, §6, §7), explicit ids. Order follows the foreign keys.
-- =============================================================================================

INSERT INTO valid (id, name, create_by, change_by) VALUES
  (1, 'valid', 1, 1),
  (2, 'invalid', 1, 1),
  (3, 'invalid-temporarily', 1, 1);

-- pw '' is a placeholder: the migration runner stores the Argon2id hash of the initial admin
-- password in the same transaction, so no clear password is ever stored.
INSERT INTO users (id, login, pw, title, first_name, last_name, valid_id, create_by, change_by)
VALUES (1, 'admin', '', NULL, 'System', 'Administrator', 1, 1, 1);

INSERT INTO groups (id, name, comments, valid_id, create_by, change_by) VALUES
  (1, 'users', 'Group for default access.', 1, 1, 1),
  (2, 'admin', 'Group of all administrators.', 1, 1, 1),
  (3, 'stats', 'Group for statistics access.', 1, 1, 1);

INSERT INTO group_user (user_id, group_id, permission_key, permission_value, create_by, change_by)
VALUES
  (1, 1, 'rw', 1, 1, 1),
  (1, 2, 'rw', 1, 1, 1),
  (1, 3, 'rw', 1, 1, 1);

INSERT INTO ticket_state_type (id, name, comments, create_by, change_by) VALUES
  (1, 'new', 'Not yet worked on; counts as open.', 1, 1),
  (2, 'open', 'Being worked on.', 1, 1),
  (3, 'closed', 'Finished.', 1, 1),
  (4, 'pending reminder', 'Waiting; reminder at until_time.', 1, 1),
  (5, 'pending auto', 'Waiting; automatic transition at until_time.', 1, 1),
  (6, 'removed', 'Logically removed.', 1, 1),
  (7, 'merged', 'Merged into another ticket; read-only.', 1, 1);

INSERT INTO ticket_state (id, name, type_id, valid_id, create_by, change_by) VALUES
  (1, 'new', 1, 1, 1, 1),
  (2, 'closed successful', 3, 1, 1, 1),
  (3, 'closed unsuccessful', 3, 1, 1, 1),
  (4, 'open', 2, 1, 1, 1),
  (5, 'removed', 6, 1, 1, 1),
  (6, 'pending reminder', 4, 1, 1, 1),
  (7, 'pending auto close+', 5, 1, 1, 1),
  (8, 'pending auto close-', 5, 1, 1, 1),
  (9, 'merged', 7, 1, 1, 1);

INSERT INTO ticket_priority (id, name, color, valid_id, create_by, change_by) VALUES
  (1, '1 very low', '#03c4f0', 1, 1, 1),
  (2, '2 low', '#83bfc8', 1, 1, 1),
  (3, '3 normal', '#cdcdcd', 1, 1, 1),
  (4, '4 high', '#ffaaaa', 1, 1, 1),
  (5, '5 very high', '#ff505e', 1, 1, 1);

INSERT INTO ticket_type (id, name, valid_id, create_by, change_by) VALUES
  (1, 'Unclassified', 1, 1, 1),
  (2, 'Incident', 1, 1, 1),
  (3, 'Service Request', 1, 1, 1),
  (4, 'Problem', 1, 1, 1),
  (5, 'Change Request', 1, 1, 1);

INSERT INTO ticket_lock_type (id, name, valid_id, create_by, change_by) VALUES
  (1, 'unlock', 1, 1, 1),
  (2, 'lock', 1, 1, 1),
  (3, 'tmp_lock', 1, 1, 1);

INSERT INTO article_sender_type (id, name, valid_id, create_by, change_by) VALUES
  (1, 'agent', 1, 1, 1),
  (2, 'system', 1, 1, 1),
  (3, 'customer', 1, 1, 1);

INSERT INTO communication_channel (id, name, module, package_name, valid_id, create_by, change_by)
VALUES
  (1, 'Email', 'Kernel::System::CommunicationChannel::Email', 'Framework', 1, 1, 1),
  (2, 'Phone', 'Kernel::System::CommunicationChannel::Phone', 'Framework', 1, 1, 1),
  (3, 'Internal', 'Kernel::System::CommunicationChannel::Internal', 'Framework', 1, 1, 1),
  (4, 'Chat', 'Kernel::System::CommunicationChannel::Chat', 'Framework', 1, 1, 1);

INSERT INTO follow_up_possible (id, name, comments, valid_id, create_by, change_by) VALUES
  (1, 'possible', 'Follow-ups for closed tickets are possible. Ticket will be reopened.', 1, 1, 1),
  (2, 'reject', 'Follow-ups for closed tickets are not possible. No new ticket will be created.',
   1, 1, 1),
  (3, 'new ticket', 'Follow-ups for closed tickets are not possible. A new ticket will be created.',
   1, 1, 1);

INSERT INTO salutation (id, name, text, content_type, valid_id, create_by, change_by) VALUES
  (1, 'Default', 'Dear Customer,', 'text/plain; charset=utf-8', 1, 1, 1);

INSERT INTO signature (id, name, text, content_type, valid_id, create_by, change_by) VALUES
  (1, 'Default', 'Your Support Team', 'text/plain; charset=utf-8', 1, 1, 1);

-- system_address.queue_id is deferred: the queues follow.
INSERT INTO system_address (id, value0, value1, queue_id, valid_id, create_by, change_by) VALUES
  (1, 'postmaster@goatflow.local', 'GoatFlow Postmaster', 1, 1, 1, 1),
  (2, 'intake@goatflow.local', 'GoatFlow Intake', 2, 1, 1, 1),
  (3, 'junk@goatflow.local', 'GoatFlow Junk Monitor', 3, 1, 1, 1),
  (4, 'misc@goatflow.local', 'GoatFlow Misc', 4, 1, 1, 1);

INSERT INTO queue (id, name, group_id, unlock_timeout, system_address_id, salutation_id,
                   signature_id, follow_up_id, follow_up_lock, comments, valid_id, create_by,
                   change_by)
VALUES
  (1, 'Postmaster', 1, 0, 1, 1, 1, 1, 0, 'Postmaster queue.', 1, 1, 1),
  (2, 'Raw', 1, 0, 2, 1, 1, 1, 0, 'All default incoming tickets.', 1, 1, 1),
  (3, 'Junk', 1, 0, 3, 1, 1, 2, 0, 'All junk tickets.', 1, 1, 1),
  (4, 'Misc', 1, 0, 4, 1, 1, 1, 0, 'All misc tickets.', 1, 1, 1);

INSERT INTO link_object (id, name) VALUES (1, 'Ticket');

INSERT INTO link_type (id, name, valid_id, create_by, change_by) VALUES
  (1, 'Normal', 1, 1, 1),
  (2, 'ParentChild', 1, 1, 1);

INSERT INTO link_state (id, name, valid_id, create_by, change_by) VALUES
  (1, 'Valid', 1, 1, 1),
  (2, 'Temporary', 1, 1, 1);

-- The OTRS 6 history types with their OTRS ids.
INSERT INTO ticket_history_type (id, name, valid_id, create_by, change_by) VALUES
  (1, 'NewTicket', 1, 1, 1),
  (2, 'FollowUp', 1, 1, 1),
  (3, 'SendAutoReject', 1, 1, 1),
  (4, 'SendAutoReply', 1, 1, 1),
  (5, 'SendAutoFollowUp', 1, 1, 1),
  (6, 'Forward', 1, 1, 1),
  (7, 'Bounce', 1, 1, 1),
  (8, 'SendAnswer', 1, 1, 1),
  (9, 'SendAgentNotification', 1, 1, 1),
  (10, 'SendCustomerNotification', 1, 1, 1),
  (11, 'EmailAgent', 1, 1, 1),
  (12, 'EmailCustomer', 1, 1, 1),
  (13, 'PhoneCallAgent', 1, 1, 1),
  (14, 'PhoneCallCustomer', 1, 1, 1),
  (15, 'AddNote', 1, 1, 1),
  (16, 'Move', 1, 1, 1),
  (17, 'Lock', 1, 1, 1),
  (18, 'Unlock', 1, 1, 1),
  (19, 'Remove', 1, 1, 1),
  (20, 'TimeAccounting', 1, 1, 1),
  (21, 'CustomerUpdate', 1, 1, 1),
  (22, 'PriorityUpdate', 1, 1, 1),
  (23, 'OwnerUpdate', 1, 1, 1),
  (24, 'LoopProtection', 1, 1, 1),
  (25, 'Misc', 1, 1, 1),
  (26, 'SetPendingTime', 1, 1, 1),
  (27, 'StateUpdate', 1, 1, 1),
  (28, 'TicketDynamicFieldUpdate', 1, 1, 1),
  (29, 'WebRequestCustomer', 1, 1, 1),
  (30, 'TicketLinkAdd', 1, 1, 1),
  (31, 'TicketLinkDelete', 1, 1, 1),
  (32, 'SystemRequest', 1, 1, 1),
  (33, 'Merged', 1, 1, 1),
  (34, 'ResponsibleUpdate', 1, 1, 1),
  (35, 'Subscribe', 1, 1, 1),
  (36, 'Unsubscribe', 1, 1, 1),
  (37, 'TypeUpdate', 1, 1, 1),
  (38, 'ServiceUpdate', 1, 1, 1),
  (39, 'SLAUpdate', 1, 1, 1),
  (40, 'ArchiveFlagUpdate', 1, 1, 1),
  (41, 'EscalationSolutionTimeStop', 1, 1, 1),
  (42, 'EscalationResponseTimeStart', 1, 1, 1),
  (43, 'EscalationUpdateTimeStart', 1, 1, 1),
  (44, 'EscalationSolutionTimeStart', 1, 1, 1),
  (45, 'EscalationResponseTimeNotifyBefore', 1, 1, 1),
  (46, 'EscalationUpdateTimeNotifyBefore', 1, 1, 1),
  (47, 'EscalationSolutionTimeNotifyBefore', 1, 1, 1),
  (48, 'EscalationResponseTimeStop', 1, 1, 1),
  (49, 'EscalationUpdateTimeStop', 1, 1, 1),
  (50, 'TitleUpdate', 1, 1, 1),
  (51, 'EmailResend', 1, 1, 1);
