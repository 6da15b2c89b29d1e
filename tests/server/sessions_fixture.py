"""Synthetic sessions in the shape of `werkcheck export` (plus "anonymous"), for the server
test and benchmark: about 70 answered items with an event per answer, like a real check."""
import random
import uuid

MODULES = {
    "intake": ["reden_weg", "reden_naar", "situatie", "sector", "opleiding", "leeftijd"],
    "interesses": [f"{t}{i}" for t in "riasec" for i in range(1, 6)],
    "kunnen": [f"vaardigheid{i}" for i in range(1, 17)],
    "belangrijk": ["top3"],
    "gedrag": [f"gedrag{i}" for i in range(1, 9)],
    "drempels": ["drempels"],
    "netwerk": ["netwerk"],
    "plan": ["acties", "wanneer1", "wanneer2", "wanneer3"],
}
OPTIONS = ["leuk", "weet_niet", "niet_leuk", "goed", "een_beetje", "nog_niet", "1", "2", "3", "4", "5"]


def make_session(rng=random, anonymous=False, session_uuid=None):
    code = None if anonymous else "".join(rng.choice("23456789ABCDEFGHJKMNPQRSTWXYZ") for _ in range(6))
    answers, events, seq = {}, [], 0
    minute, second = 0, 0
    for module, items in MODULES.items():
        for item in items:
            key = f"{module}.{item}"
            values = [rng.choice(OPTIONS)] if item not in ("top3", "drempels", "acties") else rng.sample(OPTIONS, 3)
            answers[key] = values
            seq += 1
            second += rng.randint(3, 15)
            minute += second // 60
            second %= 60
            events.append({"seq": seq, "item": key, "kind": "answer", "values": values,
                           "at": f"2026-11-20T10:{minute % 60:02d}:{second:02d}.000Z"})
    return {
        "uuid": session_uuid or str(uuid.uuid4()),
        "code": code,
        "anonymous": anonymous,
        "locale": "nl",
        "content": {"id": "werkcheck-loopbaancheck", "version": "2026.11.1"},
        "started_at": "2026-11-20T10:00:00.000Z",
        "ended_at": "2026-11-20T10:14:12.000Z",
        "status": "finished",
        "consent": not anonymous,
        "follow_up_of": None,
        "answers": answers,
        "events": events,
    }
