"""The app's instruction to the front server's cache (docs/deployment/nginx.conf, decision 0031)."""

import time


def test_public_answers_are_fresh_for_the_front_only_to_the_end_of_the_second(client, db):
    before = int(time.time())
    stamp = client.get("/xxgk/catalog/")["X-Accel-Expires"]
    assert stamp.startswith("@") and before <= int(stamp[1:]) <= int(time.time())


def test_private_answers_carry_no_cache_stamp(client, db):
    assert not client.get("/ysq/track/").has_header("X-Accel-Expires")


def test_a_page_from_the_page_cache_is_stamped_with_the_second_it_is_served_in(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/xxgk/catalog/")
    time.sleep(1.1)
    served = int(time.time())
    again = client.get("/xxgk/catalog/")
    assert again["X-Page-Cache"] == "hit"
    assert int(again["X-Accel-Expires"][1:]) >= served  # not the second the page was stored in
