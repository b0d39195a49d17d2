//! SQLite's schema steps. Never edit a released step: add one (and its twin in `postgres.rs`).

/// Timestamps are RFC 3339 UTC text (`2026-05-01T09:30:00Z`), so they sort and read as-is.
pub const STEPS: &[&str] = &[
    // 1: people, contacts, pools, vacancies, applications.
    r#"
    CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
        -- PHC string (argon2id), for the CRM's own sign-in page.
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );

    CREATE TABLE user_permissions (
        user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        permission TEXT NOT NULL CHECK (permission IN ('view', 'create', 'edit', 'confidential')),
        PRIMARY KEY (user_id, permission)
    ) WITHOUT ROWID;

    -- Bearer tokens are stored as their SHA-256 only: a copy of the file grants no access.
    CREATE TABLE api_tokens (
        id           INTEGER PRIMARY KEY,
        token_sha256 BLOB NOT NULL UNIQUE,
        user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        label        TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        -- Unix seconds; NULL never expires.
        expires_at   INTEGER,
        revoked_at   TEXT
    );
    CREATE INDEX api_tokens_user ON api_tokens(user_id);

    -- Sign-in sessions of the CRM's own pages (cookie), also stored as SHA-256.
    CREATE TABLE sessions (
        id_sha256  BLOB PRIMARY KEY,
        user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        expires_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sessions_user ON sessions(user_id);

    CREATE TABLE contacts (
        id              INTEGER PRIMARY KEY,
        full_name       TEXT NOT NULL,
        headline        TEXT,
        title           TEXT,
        company         TEXT,
        location        TEXT,
        email           TEXT,
        phone           TEXT,
        -- The vanity slug, percent-decoded and lower-cased (`jürgen-müller`).
        public_id       TEXT,
        -- Canonical: `https://www.linkedin.com/in/<id>/`.
        profile_url     TEXT,
        member_urn      TEXT,
        owner_user_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
        confidential    INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
        -- `Extension` for contacts the extension made (PRODUCT.md E4), `Demo`, `Import`, ...
        creation_source TEXT NOT NULL,
        -- The id an import (or the demo seed) gave the row, so running it again finds it.
        import_key      TEXT UNIQUE,
        created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    -- Lookup keys (PRODUCT.md C2): each match is one index probe, whatever the table's size.
    CREATE INDEX contacts_public_id ON contacts(public_id);
    CREATE INDEX contacts_profile_url ON contacts(profile_url);
    CREATE INDEX contacts_member_urn ON contacts(member_urn);
    CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE);
    CREATE INDEX contacts_owner ON contacts(owner_user_id);

    CREATE TABLE pools (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        -- Only public pools are offered to the extension (PRODUCT.md E2).
        public     INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );

    CREATE TABLE vacancies (
        id         INTEGER PRIMARY KEY,
        -- The CRM's own id (`V-101`), which recruiters search by.
        crm_ref    TEXT NOT NULL UNIQUE,
        -- The applicant tracking system's id: stored, never searched (PRODUCT.md E2).
        ats_ref    TEXT,
        name       TEXT NOT NULL,
        public     INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
        status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );

    CREATE TABLE contact_pools (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        pool_id    INTEGER NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        added_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        PRIMARY KEY (contact_id, pool_id)
    ) WITHOUT ROWID;
    CREATE INDEX contact_pools_pool ON contact_pools(pool_id);

    CREATE TABLE contact_vacancies (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        vacancy_id INTEGER NOT NULL REFERENCES vacancies(id) ON DELETE CASCADE,
        added_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        PRIMARY KEY (contact_id, vacancy_id)
    ) WITHOUT ROWID;
    CREATE INDEX contact_vacancies_vacancy ON contact_vacancies(vacancy_id);

    -- An active application makes an update need confirmation (PRODUCT.md E5).
    CREATE TABLE applications (
        id         INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        vacancy_id INTEGER NOT NULL REFERENCES vacancies(id) ON DELETE CASCADE,
        status     TEXT NOT NULL CHECK (status IN ('active', 'closed')),
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX applications_contact ON applications(contact_id, status);
    CREATE INDEX applications_vacancy ON applications(vacancy_id);
    "#,
    // 2: writes (PRODUCT.md C3): the profile's text, attachments, notes, manual links,
    // idempotency keys, and the derived keys of the email, phone and name matching stages.
    r#"
    ALTER TABLE contacts ADD COLUMN summary TEXT;
    -- Every email and phone number (JSON arrays of strings): an update adds the profile's
    -- (PRODUCT.md E5). `email` and `phone` keep the first, the one cards show.
    ALTER TABLE contacts ADD COLUMN emails TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE contacts ADD COLUMN phones TEXT NOT NULL DEFAULT '[]';
    -- JSON arrays: skills and education of strings, positions of {company, title, since}.
    ALTER TABLE contacts ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE contacts ADD COLUMN positions TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE contacts ADD COLUMN education TEXT NOT NULL DEFAULT '[]';
    -- Who created the contact: a user with `create` may finish their new contact (attach the
    -- PDF, pools, vacancies, a note) without `edit`.
    ALTER TABLE contacts ADD COLUMN created_by_user_id INTEGER
        REFERENCES users(id) ON DELETE SET NULL;
    -- 0 until the server has written the contact's rows in contact_match_keys: rows inserted
    -- by other means are indexed when the server opens the file.
    ALTER TABLE contacts ADD COLUMN match_indexed INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX contacts_unindexed ON contacts(id) WHERE match_indexed = 0;

    -- Derived from the contact's fields, never edited by hand: emails (lower-cased), phones
    -- (digits, leading +) and every pair of name words (folded, sorted, nicknames resolved),
    -- alone and with the first word of each company (see matching/index.rs).
    CREATE TABLE contact_match_keys (
        kind       TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'name', 'name_at')),
        value      TEXT NOT NULL,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        PRIMARY KEY (kind, value, contact_id)
    ) WITHOUT ROWID;
    CREATE INDEX contact_match_keys_contact ON contact_match_keys(contact_id);

    -- Further exact keys of a contact: an update brought a key while the contact's own column
    -- already held another (a changed vanity URL), and the profile must keep matching.
    CREATE TABLE contact_aliases (
        kind       TEXT NOT NULL CHECK (kind IN ('public_id', 'profile_url', 'member_urn')),
        value      TEXT NOT NULL,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        PRIMARY KEY (kind, value, contact_id)
    ) WITHOUT ROWID;
    CREATE INDEX contact_aliases_contact ON contact_aliases(contact_id);

    -- Manual links (PRODUCT.md B3), per profile key, for the whole team.
    CREATE TABLE profile_links (
        kind       TEXT NOT NULL CHECK (kind IN ('public_id', 'profile_url', 'member_urn')),
        value      TEXT NOT NULL,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        same       INTEGER NOT NULL CHECK (same IN (0, 1)),
        user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (kind, value, contact_id)
    ) WITHOUT ROWID;
    CREATE INDEX profile_links_contact ON profile_links(contact_id);

    -- The PDF itself is kept in the database: committed (and fsynced) with its row, backed up
    -- with the file. `content` is the last column so listings never read it.
    CREATE TABLE attachments (
        id           INTEGER PRIMARY KEY,
        contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        filename     TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size         INTEGER NOT NULL,
        -- Lower-case hex.
        sha256       TEXT NOT NULL,
        user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        content      BLOB NOT NULL
    );
    CREATE INDEX attachments_contact ON attachments(contact_id);

    CREATE TABLE notes (
        id         INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
        text       TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX notes_contact ON notes(contact_id);

    -- The first answer to each write, replayed for a retry with the same key (PRODUCT.md E7).
    CREATE TABLE idempotency_keys (
        id             INTEGER PRIMARY KEY,
        user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        -- Method and path: `POST /api/v1/contacts/7/notes`.
        route          TEXT NOT NULL,
        key            TEXT NOT NULL,
        request_sha256 BLOB NOT NULL,
        status         INTEGER NOT NULL,
        body           BLOB NOT NULL,
        -- Unix seconds.
        created_at     INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, route, key)
    );
    CREATE INDEX idempotency_keys_age ON idempotency_keys(created_at);
    "#,
    // 3: OAuth 2.0 sign-in for the extension (PRODUCT.md A1): registered clients and their exact
    // redirect URIs, sign-ins with the tokens descended from them, remembered consents. Codes
    // and tokens are stored as SHA-256 only; times are Unix milliseconds (a 1-second lifetime
    // must mean one second).
    r#"
    CREATE TABLE oauth_clients (
        client_id  TEXT PRIMARY KEY,
        -- Shown on the consent page: "<name> wants to access the CRM as <user>".
        name       TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    ) WITHOUT ROWID;

    -- Compared byte for byte with the request's: no normalising, no prefix matching.
    CREATE TABLE oauth_redirect_uris (
        client_id    TEXT NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
        redirect_uri TEXT NOT NULL,
        PRIMARY KEY (client_id, redirect_uri)
    ) WITHOUT ROWID;

    -- One sign-in (a token family): the code a consent gave, and through oauth_tokens every
    -- token issued from it. Revoking the family is setting revoked_at_ms here.
    CREATE TABLE oauth_grants (
        id                 INTEGER PRIMARY KEY,
        client_id          TEXT NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
        user_id            INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        redirect_uri       TEXT NOT NULL,
        scope              TEXT NOT NULL,
        code_sha256        BLOB NOT NULL UNIQUE,
        -- BASE64URL(SHA256(code_verifier)) (RFC 7636, S256 only).
        code_challenge     TEXT NOT NULL,
        code_expires_at_ms INTEGER NOT NULL,
        -- Set on the first presentation: a code is good once.
        code_used_at_ms    INTEGER,
        revoked_at_ms      INTEGER,
        -- `revoked`, `code_reused`, `refresh_reused`.
        revoked_reason     TEXT,
        created_at_ms      INTEGER NOT NULL
    );
    CREATE INDEX oauth_grants_user ON oauth_grants(user_id, client_id);
    CREATE INDEX oauth_grants_code_expiry ON oauth_grants(code_expires_at_ms);

    CREATE TABLE oauth_tokens (
        id            INTEGER PRIMARY KEY,
        grant_id      INTEGER NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
        token_sha256  BLOB NOT NULL UNIQUE,
        created_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        -- A refresh token already traded for a new pair: presenting it again is a replay.
        rotated_at_ms INTEGER,
        -- An access token revoked on its own (RFC 7009).
        revoked_at_ms INTEGER
    );
    CREATE INDEX oauth_tokens_grant ON oauth_tokens(grant_id);
    CREATE INDEX oauth_tokens_expiry ON oauth_tokens(expires_at_ms);

    -- An Allow, remembered until the user signs the client out: lets `prompt=none` sign in
    -- again without a window.
    CREATE TABLE oauth_consents (
        user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        client_id     TEXT NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
        scope         TEXT NOT NULL,
        granted_at_ms INTEGER NOT NULL,
        PRIMARY KEY (user_id, client_id)
    ) WITHOUT ROWID;
    "#,
    // 4: the month's profile-PDF downloads per user (issue #18): one row per export ticket,
    // reserved, then committed or released. Times are Unix milliseconds.
    r#"
    CREATE TABLE usage_tickets (
        user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        -- The extension's id for one export (1–128 characters).
        ticket         TEXT NOT NULL,
        -- The UTC month the unit counts in, by the server's clock (`2026-12`).
        month          TEXT NOT NULL,
        state          TEXT NOT NULL CHECK (state IN ('reserved', 'committed', 'released')),
        reserved_at_ms INTEGER NOT NULL,
        -- A reservation neither committed nor released by then no longer holds its unit.
        expires_at_ms  INTEGER NOT NULL,
        updated_at_ms  INTEGER NOT NULL,
        PRIMARY KEY (user_id, ticket)
    ) WITHOUT ROWID;
    CREATE INDEX usage_tickets_month ON usage_tickets(user_id, month, state);
    "#,
    // 5: why each PDF was downloaded (issue #18 item 6), for an admin's usage page. Rows from
    // before were exports whose kind nobody recorded: `export`.
    r#"
    ALTER TABLE usage_tickets ADD COLUMN kind TEXT NOT NULL DEFAULT 'export'
        CHECK (kind IN ('export', 'create', 'update', 'manual'));
    "#,
    // 6: who runs the CRM: sees every user's usage (/admin/usage). Set by `crm admin EMAIL`
    // (`--revoke` to undo) and, for one demo user, by `crm seed --demo`.
    r#"
    ALTER TABLE users ADD COLUMN admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1));
    "#,
];
