#!/usr/bin/env python3
"""Realistic answers for the shipped check, as the kiosk stores them, deterministic from a seed
and a persona. Used by tests/coach (through `werkcheck make-sessions --script`).

Keys follow core/content/content_pack.{h,cpp}: a choice item is answered under
"<module>.<item>"; a `per_choice` item (`"of": "<earlier item>"`) gets one answer per option
chosen in that item, under "<module>.<item>.<chosen option>". Options come from the item's
"options" or from the answer set named by "answers" in check.json. A follow-up check (a
returning participant) asks only "followup.steps" (which of the earlier plan's actions were
done; option ids of the plan item, or "none") and the modules with behaviour items
(app/flow/kiosk_flow.cpp start_follow_up / in_follow_up_modules).

    python3 make_answers.py CONTENT_DIR [PERSONA [SEED]]     prints the answers as JSON
"""
import json
import os
import random
import sys

# What kind of person answers. Tag values refer to option/item tags in the content pack.
PERSONAS = {
    # Likes practical (R) and social (S) work; good with tools, driving and caring.
    "doener-zorger": {
        "riasec_likes": ["R", "S"],
        "good_skills": ["tools", "driving", "caring", "lifting", "repairing"],
        "values": ["colleagues", "security", "helping"],
        "behaviour_level": 1,  # 0..4 index in scale5; a follow-up raises it
        "barriers": ["health", "diploma"],
        "network": ["family", "colleagues", "coach"],
        "actions": ["coach", "snuffelstage", "cv"],
        "when": ["week", "maand", "later"],
        "intake": {"reden": ["gezondheid", "lichter_werk"], "situatie": "werk", "sector": "bouw",
                   "school": "vmbo", "leeftijd": "j45_54"},
    },
    # Likes enterprising (E) and conventional (C) work; office and shop.
    "regelaar": {
        "riasec_likes": ["E", "C"],
        "good_skills": ["customers", "cash_register", "computer", "planning"],
        "values": ["money", "regular_hours", "learning"],
        "behaviour_level": 2,
        "barriers": ["time", "travel"],
        "network": ["friends", "manager"],
        "actions": ["vacancies", "course", "network"],
        "when": ["week", "week", "maand"],
        "intake": {"reden": ["meer_geld", "meer_uren"], "situatie": "werk", "sector": "detailhandel",
                   "school": "mbo2", "leeftijd": "j25_34"},
    },
    # Artistic (A) and investigative (I), looking for work.
    "maker": {
        "riasec_likes": ["A", "I"],
        "good_skills": ["precise", "computer", "languages"],
        "values": ["variety", "proud_work", "independence"],
        "behaviour_level": 3,
        "barriers": ["language", "money"],
        "network": ["friends", "uwv"],
        "actions": ["open_day", "volunteer", "training_route"],
        "when": ["maand", "later", "maand"],
        "intake": {"reden": ["werk_kwijt", "iets_nieuws"], "situatie": "zoeken", "sector": "horeca",
                   "school": "buitenland", "leeftijd": "j35_44"},
    },
}
PERSONA_NAMES = sorted(PERSONAS)


def load_pack(content_dir):
    with open(os.path.join(content_dir, "check.json"), encoding="utf-8") as f:
        check = json.load(f)
    modules = []
    for mid in check["modules"]:
        with open(os.path.join(content_dir, "modules", mid + ".json"), encoding="utf-8") as f:
            mod = json.load(f)
        items = []
        for it in mod["items"]:
            if "answers" in it:
                options = check["answer_sets"][it["answers"]]
            else:
                options = it["options"]
            items.append({
                "id": it["id"],
                "key": f"{mid}.{it['id']}",
                "type": it.get("type", "choice"),
                "of": it.get("of"),
                "max": it.get("max_choices", 1),
                "tags": it.get("tags", {}),
                "options": [{"id": o["id"], "tags": o.get("tags", {}), "exclusive": bool(o.get("exclusive"))}
                            for o in options],
            })
        modules.append({"id": mid, "items": items})
    return check, modules


def _by_tag(options, tag, values):
    """Option ids whose tag `tag` is in values, in the order of values."""
    out = []
    for v in values:
        for o in options:
            if o["tags"].get(tag) == v and o["id"] not in out:
                out.append(o["id"])
    return out


def _pick_multi(rng, item, wanted_tag, wanted, n):
    """Up to n (and at most max_choices) non-exclusive options: the persona's first, then random."""
    opts = [o for o in item["options"] if not o["exclusive"]]
    chosen = _by_tag(opts, wanted_tag, wanted) if wanted_tag else []
    rest = [o["id"] for o in opts if o["id"] not in chosen]
    rng.shuffle(rest)
    chosen += rest
    return chosen[:min(n, item["max"])]


def _scale_answer(rng, item, level):
    """An option of an ordered answer set (scale5: index 0..4) around `level`."""
    ids = [o["id"] for o in item["options"]]
    i = max(0, min(len(ids) - 1, level + rng.choice([-1, 0, 0, 1])))
    return ids[i]


def make_answers(content_dir, persona="doener-zorger", seed=1):
    """A full first check: every item of every module, in the order the kiosk asks them."""
    p = PERSONAS[persona]
    rng = random.Random(f"{persona}/{seed}")
    _, modules = load_pack(content_dir)
    answers = {}
    for mod in modules:
        for item in mod["items"]:
            key, opts, tags = item["key"], item["options"], item["tags"]
            ids = [o["id"] for o in opts]
            if item["type"] == "per_choice":
                for chosen in answers.get(f"{mod['id']}.{item['of']}", []):
                    n = len([k for k in answers if k.startswith(key + ".")])
                    wanted = p["when"][n % len(p["when"])]
                    answers[f"{key}.{chosen}"] = [wanted if wanted in ids else rng.choice(ids)]
                continue
            otags = [o["tags"] for o in opts]
            if any("riasec" in t for t in otags):  # a grid: tap the activities you like
                answers[key] = [o["id"] for o in opts if o["tags"].get("riasec") in p["riasec_likes"] and rng.random() < 0.85
                                or o["tags"].get("riasec") not in p["riasec_likes"] and rng.random() < 0.1]
            elif any("skill" in t for t in otags):  # a grid: tap what you do well
                answers[key] = [o["id"] for o in opts if o["tags"].get("skill") in p["good_skills"]]
            elif any("behaviour" in t for t in otags):  # a grid: tap the statements that are true
                answers[key] = _true_statements(rng, opts, p["behaviour_level"])
            elif "riasec" in tags:  # faces3: leuk / weet_niet / niet_leuk
                if tags["riasec"] in p["riasec_likes"]:
                    v = "leuk" if rng.random() < 0.85 else "weet_niet"
                else:
                    v = rng.choice(["niet_leuk", "niet_leuk", "weet_niet", "leuk"] if rng.random() < 0.3
                                   else ["niet_leuk", "weet_niet"])
                answers[key] = [v if v in ids else rng.choice(ids)]
            elif "skill" in tags:  # skill3: goed / beetje / niet
                if tags["skill"] in p["good_skills"]:
                    v = "goed"
                else:
                    v = rng.choice(["beetje", "niet", "niet"])
                answers[key] = [v if v in ids else rng.choice(ids)]
            elif "behaviour" in tags:
                answers[key] = [_scale_answer(rng, item, p["behaviour_level"])]
            elif mod["id"] == "intake" and item["id"] in p["intake"]:
                want = p["intake"][item["id"]]
                want = want if isinstance(want, list) else [want]
                answers[key] = [w for w in want if w in ids][:item["max"]] or [rng.choice(ids)]
            elif any("value" in o["tags"] for o in opts):
                answers[key] = _pick_multi(rng, item, "value", p["values"], 3)
            elif any("barrier" in o["tags"] for o in opts):
                answers[key] = _pick_multi(rng, item, "barrier", p["barriers"], 2)
            elif any("network" in o["tags"] for o in opts):
                answers[key] = _pick_multi(rng, item, "network", p["network"], len(p["network"]))
            elif any("action" in o["tags"] for o in opts):
                answers[key] = _pick_multi(rng, item, "action", p["actions"], 3)
            else:  # anything the pack adds later: a plausible answer
                answers[key] = _pick_multi(rng, item, None, [], 1 if item["max"] == 1 else 2)
    return answers


def _true_statements(rng, opts, level):
    """The career-behaviour statements tapped as true: about level/4 of them (level 0..4 as in
    scale5), at least one so the grid is answered, not skipped."""
    n = max(1, min(len(opts), round(len(opts) * level / 4)))
    return [o["id"] for o in opts[:n]]


def make_follow_up_answers(content_dir, earlier, persona="doener-zorger", seed=2, boost=2):
    """A follow-up check of someone who answered `earlier`: which plan actions were done (all but
    the last), and the behaviour items `boost` steps higher than the persona's first check."""
    p = PERSONAS[persona]
    rng = random.Random(f"followup/{persona}/{seed}")
    _, modules = load_pack(content_dir)
    answers = {}
    planned = []
    for mod in modules:
        for item in mod["items"]:
            if any("action" in o["tags"] for o in item["options"]) and item["type"] == "choice":
                planned += earlier.get(item["key"], [])
    answers["followup.steps"] = planned[:-1] if len(planned) > 1 else (planned or ["none"])
    for mod in modules:
        if not any("behaviour" in it["tags"] or any("behaviour" in o["tags"] for o in it["options"]) for it in mod["items"]):
            continue
        for item in mod["items"]:
            if any("behaviour" in o["tags"] for o in item["options"]):  # a grid: more statements true now
                answers[item["key"]] = _true_statements(rng, item["options"], p["behaviour_level"] + boost)
            elif "behaviour" in item["tags"]:
                ids = [o["id"] for o in item["options"]]
                before = earlier.get(item["key"], [ids[0]])[0]
                i = ids.index(before) if before in ids else p["behaviour_level"]
                answers[item["key"]] = [ids[min(len(ids) - 1, i + boost)]]
            elif item["type"] == "choice":
                answers[item["key"]] = _pick_multi(rng, item, None, [], 1)
    return answers


def content_ref(content_dir):
    check, _ = load_pack(content_dir)
    return {"id": check["id"], "version": check["version"]}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    a = make_answers(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "doener-zorger",
                     int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    print(json.dumps(a, indent=1, ensure_ascii=False))
    print(json.dumps(make_follow_up_answers(sys.argv[1], a), indent=1, ensure_ascii=False))
