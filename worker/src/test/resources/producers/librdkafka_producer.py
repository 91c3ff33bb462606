"""A producer of message-write events written from docs/contract.md with librdkafka (confluent-kafka).

usage: librdkafka_producer.py BOOTSTRAP TOPIC PARTITIONER COUNT
PARTITIONER is a librdkafka partitioner: "default" leaves librdkafka's own (consistent_random, CRC32),
"murmur2_random" places keys as Java's producer does (docs/contract.md §3). Prints one line per event:
message_id conversation_id partition.
"""
import json
import sys
import uuid
from datetime import datetime, timezone

from confluent_kafka import Producer

bootstrap, topic, partitioner, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
config = {"bootstrap.servers": bootstrap, "enable.idempotence": True}
if partitioner != "default":
    config["partitioner"] = partitioner
producer = Producer(config)
delivered = []


def on_delivery(error, message):
    if error is not None:
        sys.exit("not delivered: %s" % error)
    delivered.append(message)


user = str(uuid.uuid4())
for _ in range(count):
    conversation = str(uuid.uuid4())
    event = {
        "schema_version": 1,
        "event_id": str(uuid.uuid4()),
        "type": "message.created",
        "occurred_at": datetime.now(timezone.utc).isoformat(),
        "message_id": str(uuid.uuid4()),
        "conversation_id": conversation,
        "user_id": user,
        "revision": 1,
        "role": "user",
        "content": "from librdkafka",
        "metadata": {"producer": "python"},
    }
    producer.produce(topic, key=conversation.encode(), value=json.dumps(event).encode(), on_delivery=on_delivery)
producer.flush(30)
if len(delivered) != count:
    sys.exit("delivered %d of %d" % (len(delivered), count))
for message in delivered:
    body = json.loads(message.value())
    print(body["message_id"], body["conversation_id"], message.partition())
