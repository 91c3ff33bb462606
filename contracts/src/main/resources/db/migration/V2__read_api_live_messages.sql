-- Read API: a conversation's messages that are not deleted, in page order. The default listing
-- (include_deleted=false) walks it from the cursor without stepping over tombstones, and
-- message_count counts it with an index-only scan, however many tombstones a conversation has.
CREATE INDEX messages_live_by_conversation ON messages (conversation_id, created_at, id)
    WHERE deleted_at IS NULL;
