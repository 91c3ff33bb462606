-- The storage contract of docs/contract.md §4. Writer (ingest) and reader (read API) share it:
-- columns listed there may be added to, never renamed or retyped.

CREATE TABLE conversations (
    id         uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE messages (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversations (id),
    user_id         uuid        NOT NULL,
    role            text,
    content         text,
    metadata        jsonb,
    revision        integer     NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz,
    persisted_at    timestamptz NOT NULL DEFAULT now()
);

-- Read API: a conversation's messages oldest first, keyset on (created_at, id).
-- It also gives the foreign key's referencing side an index.
CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at, id);

-- Read API: a user's conversations, most recently updated first, keyset on (updated_at, id).
CREATE INDEX conversations_by_user ON conversations (user_id, updated_at DESC, id DESC);
