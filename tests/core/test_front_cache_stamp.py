"""The app's instruction to the front server's cache (docs/deployment/nginx.conf, decision 0031)."""

import time


def test_public_answers_are_fresh_for_the_front_only_to_the_end_of_the_second(client, db):
    before = int(time.time())
    stamp = client.get("/xxgk/catalog/")["X-Accel-Expires"]
    assert stamp.startswith("@") and before <= int(stamp[1:]) <= int(time.time())


def test_private_answers_carry_no_cache_stamp(client, db):
    assert not client.get("/ysq/track/").has_header("X-Accel-Expires")
