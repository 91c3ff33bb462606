"""A producer of message-write events in Python, on confluent-kafka (librdkafka): the tested example of
docs/producers.md, run by MisroutedRecordsIT against the real stack.

usage: python3 librdkafka_producer.py BOOTSTRAP TOPIC COUNT [PARTITIONER]

Publishes COUNT message.created events, each in a conversation of its own, the last one with the largest content
the contract allows, and prints every event the broker acknowledged, one JSON value per line. PARTITIONER is
murmur2_random unless given: the test also runs librdkafka's default, consistent_random, to see it counted.
"""
import json
import secrets
import sys
import uuid
from datetime import datetime, timezone

from confluent_kafka import Producer

MAX_CONTENT_BYTES = 1024 * 1024  # docs/contract.md §3: content, in UTF-8 bytes


def new_producer(bootstrap, partitioner="murmur2_random"):
    return Producer({
        "bootstrap.servers": bootstrap,
        # Kafka's default partitioner (murmur2), as Java producers and the worker place keys; librdkafka's differs
        "partitioner": partitioner,
        # a retried batch is written once and in order; implies acks=all, said again for the reader
        "enable.idempotence": True,
        "acks": "all",
        "compression.type": "lz4",
        # librdkafka refuses a message over 1,000,000 bytes by default; the worker takes values up to 2 MiB
        "message.max.bytes": 2 * 1024 * 1024 + 64 * 1024,
        "linger.ms": 5,
    })


def created(conversation, user, content):
    """A message.created event of docs/contract.md §3."""
    return {
        "schema_version": 1,
        "event_id": str(uuid.uuid4()),
        "type": "message.created",
        "occurred_at": datetime.now(timezone.utc).isoformat(),
        "message_id": str(uuid.uuid4()),
        "conversation_id": conversation,
        "user_id": user,
        "revision": 1,
        "role": "user",
        "content": content,
        "metadata": {"producer": "python", "client": "confluent-kafka"},
    }


def traceparent():
    """A new W3C trace context; a traced service sends its current one (opentelemetry.propagate.inject)."""
    return "00-%s-%s-01" % (secrets.token_hex(16), secrets.token_hex(8))


def publish(producer, topic, events):
    """Sends the events in order; returns the messages the broker acknowledged, raises if any was not."""
    delivered, errors = [], []

    def on_delivery(error, message):
        if error is None:
            delivered.append(message)
        else:
            errors.append(error)

    for event in events:
        producer.produce(
            topic,
            # the conversation id as canonical lower-case UUID text: the key the worker checks and places by
            key=str(uuid.UUID(event["conversation_id"])).encode(),
            # UTF-8 as it is: json.dumps's default escaping (\u00e9) makes text up to six times larger
            value=json.dumps(event, ensure_ascii=False).encode(),
            headers={"traceparent": traceparent()},
            on_delivery=on_delivery,
        )
        producer.poll(0)
    if producer.flush(30) > 0 or errors:
        raise RuntimeError("not delivered: %s" % (errors or "flush timed out"))
    return delivered


def main(bootstrap, topic, count, partitioner="murmur2_random"):
    producer = new_producer(bootstrap, partitioner)
    user = str(uuid.uuid4())
    contents = ["hello from Python, event %d" % i for i in range(int(count) - 1)]
    contents.append("é" * (MAX_CONTENT_BYTES // len("é".encode())))
    events = [created(str(uuid.uuid4()), user, content) for content in contents]
    for message in publish(producer, topic, events):
        sys.stdout.buffer.write(message.value() + b"\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
