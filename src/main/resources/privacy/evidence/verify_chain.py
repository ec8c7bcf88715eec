#!/usr/bin/env python3
"""Checks a Consentflow evidence pack offline (Python 3 standard library only).

Usage: python3 verify_chain.py [folder of the unzipped pack]

Recomputes the SHA-256 hash of each of the person's audit entries (audit.json) from its fields and its
prevHash, exactly as the server makes it, and compares it with the entry's hash. The account id (chain.json)
is part of every hash. Exit 0 when every entry holds; 1 naming the first entry that does not.
"""
import hashlib
import json
import os
import sys

FORMAT = "consentflow.audit.v1"
SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def canonical(value):
    """JSON as the server writes it: keys sorted, no spaces, UTF-8, other control characters as \\u00XX."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + "".join(SHORT.get(c) or ("\\u%04X" % ord(c) if ord(c) < 0x20 else c) for c in value) + '"'
    if isinstance(value, list):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(canonical(k) + ":" + canonical(value[k]) for k in sorted(value)) + "}"
    raise ValueError("unexpected value in an audit entry: %r" % (value,))


def entry_hash(account, entry):
    content = [FORMAT, account, entry["seq"], entry["at"], entry.get("subscriberId"), entry["action"],
               entry.get("actor"), entry.get("detail") or {}, entry.get("processInstanceId"), entry.get("prevHash")]
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def main(folder):
    with open(os.path.join(folder, "chain.json"), encoding="utf-8") as f:
        chain = json.load(f)
    with open(os.path.join(folder, "audit.json"), encoding="utf-8") as f:
        entries = [e for e in json.load(f) if e.get("source", "audit") == "audit"]
    for entry in entries:
        if entry_hash(chain["account"], entry) != entry.get("hash"):
            print("MISMATCH at seq %s (%s at %s): the entry was changed after it was chained"
                  % (entry.get("seq"), entry.get("action"), entry.get("at")))
            return 1
    print("OK: %d entries of this person verify; the account's chain had %s entries, head %s, valid: %s"
          % (len(entries), chain.get("entries"), chain.get("head"), chain.get("valid")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))))
