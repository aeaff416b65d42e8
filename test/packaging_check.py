#!/usr/bin/env python3
"""Check the packaging metadata: META.json against the PGXN Meta Spec 1.0.0
(https://pgxn.org/spec/: the mandatory and optional fields, their types and
allowed values, as the spec's JSON schemas in pgxn/meta define them), that
META.json, debian/ and salesops.control agree on the version, and that
META.json, debian/copyright and LICENSE name the same license with the same
text.
No database needed.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")
RANGE_PART = re.compile(r"^(?:(?:[=!]=|[<>]=?)\s*)?(?:" + SEMVER.pattern[1:-1] + r"|0)$")
TERM = re.compile(r"^[^/\\\s\x00-\x1f\x7f]{2,}$")
LICENSES = {"agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd", "freebsd", "gfdl_1_2",
            "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1", "lgpl_3_0", "mit", "mozilla_1_0", "mozilla_1_1",
            "openssl", "perl_5", "postgresql", "qpl_1_0", "ssleay", "sun", "zlib", "open_source", "restricted",
            "unrestricted", "unknown"}
MANDATORY = {"name", "version", "abstract", "maintainer", "license", "provides", "meta-spec"}
OPTIONAL = {"description", "generated_by", "tags", "no_index", "prereqs", "release_status", "resources"}
PHASES = {"configure", "build", "runtime", "test", "develop"}
RELATIONS = {"requires", "recommends", "suggests", "conflicts"}

# META.json license name -> (debian/copyright short name, a sentence of its text)
LICENSE_TEXTS = {
    "postgresql": ("PostgreSQL", "Permission to use, copy, modify, and distribute this software and its "
                                 "documentation for any purpose, without fee, and without a written agreement "
                                 "is hereby granted"),
}

errors = []


def err(msg):
    errors.append(msg)


def nonempty_str(v):
    return isinstance(v, str) and len(v) > 0


def check_meta(meta):
    keys = set(meta)
    for k in MANDATORY - keys:
        err(f"META.json: mandatory field {k!r} is missing")
    for k in keys - MANDATORY - OPTIONAL:
        if not re.match(r"^[xX]_.", k):
            err(f"META.json: {k!r} is not a field of the spec (custom keys start with x_)")
    if not (isinstance(meta.get("name"), str) and TERM.match(meta["name"])):
        err("META.json: name must be a term (2+ characters, no slash, backslash, space or control)")
    if not (isinstance(meta.get("version"), str) and SEMVER.match(meta["version"])):
        err("META.json: version must be a semantic version")
    if not nonempty_str(meta.get("abstract")):
        err("META.json: abstract must be a non-empty string")
    m = meta.get("maintainer")
    if not (nonempty_str(m) or (isinstance(m, list) and m and all(nonempty_str(x) for x in m)
                                and len(set(m)) == len(m))):
        err("META.json: maintainer must be a string or a list of distinct strings")
    lic = meta.get("license")
    if isinstance(lic, str):
        ok = lic in LICENSES
    elif isinstance(lic, list):
        ok = bool(lic) and all(x in LICENSES for x in lic) and len(set(lic)) == len(lic)
    elif isinstance(lic, dict):
        ok = bool(lic) and all(isinstance(u, str) and re.match(r"^[a-z][a-z0-9+.-]*:", u) for u in lic.values())
    else:
        ok = False
    if not ok:
        err(f"META.json: license {lic!r} is not one of the spec's names, a list of them, or name -> URI")
    prov = meta.get("provides")
    if not (isinstance(prov, dict) and prov):
        err("META.json: provides must name at least one extension")
        prov = {}
    for ext, info in prov.items():
        if not TERM.match(ext) or not isinstance(info, dict):
            err(f"META.json: provides.{ext} must be an object named by a term")
            continue
        for k in set(info) - {"file", "version", "abstract", "docfile"}:
            if not re.match(r"^[xX]_.", k):
                err(f"META.json: provides.{ext}.{k} is not a field of the spec")
        for k in ("file", "version"):
            if k not in info:
                err(f"META.json: provides.{ext}.{k} is mandatory")
        for k in ("file", "docfile"):
            if k in info and not (ROOT / info[k]).is_file():
                err(f"META.json: provides.{ext}.{k} {info[k]!r} does not exist")
        if "version" in info and not SEMVER.match(str(info["version"])):
            err(f"META.json: provides.{ext}.version must be a semantic version")
    spec = meta.get("meta-spec")
    if not (isinstance(spec, dict) and isinstance(spec.get("version"), str)
            and re.match(r"^1\.0\.\d+$", spec["version"]) and set(spec) <= {"version", "url"}):
        err("META.json: meta-spec must be {\"version\": \"1.0.x\", \"url\": ...}")
    if "tags" in meta:
        t = meta["tags"]
        if not (isinstance(t, list) and t and all(isinstance(x, str) and 2 <= len(x) <= 255 for x in t)):
            err("META.json: tags must be a list of strings of 2..255 characters")
    if "release_status" in meta and meta["release_status"] not in ("stable", "testing", "unstable"):
        err("META.json: release_status must be stable, testing or unstable")
    for phase, rels in meta.get("prereqs", {}).items():
        if phase not in PHASES:
            err(f"META.json: prereqs.{phase} is not a phase of the spec")
            continue
        for rel, reqs in rels.items():
            if rel not in RELATIONS:
                err(f"META.json: prereqs.{phase}.{rel} is not a relationship of the spec")
                continue
            for name, rng in reqs.items():
                parts = [rng] if rng == 0 else str(rng).split(",")
                if not all(rng == 0 or RANGE_PART.match(p.strip()) for p in parts):
                    err(f"META.json: prereqs.{phase}.{rel}.{name}: {rng!r} is not a version range")
    for k in meta.get("no_index", {}):
        if k not in ("file", "directory"):
            err(f"META.json: no_index.{k} is not a field of the spec")


def words(text):
    return " ".join(text.split())


def check_license(meta):
    """META.json's license is one the project ships the text of, and LICENSE and
    debian/copyright (machine-readable format) carry that same license."""
    lic = meta.get("license")
    if lic not in LICENSE_TEXTS:
        err(f"META.json: license {lic!r} is not one whose text LICENSE and debian/copyright carry "
            f"({', '.join(sorted(LICENSE_TEXTS))})")
        return
    debian_name, sentence = LICENSE_TEXTS[lic]
    license_file = ROOT / "LICENSE"
    if not license_file.is_file():
        err("LICENSE is missing")
        return
    text = words(license_file.read_text())
    if sentence not in text:
        err(f"LICENSE is not the {debian_name} License text")
    paragraphs = (ROOT / "debian/copyright").read_text().split("\n\n")
    files_all = [p for p in paragraphs if re.match(r"^Files:\s*\*\s*$", p, re.M)]
    named = files_all and re.search(r"^License:\s*(\S+)", files_all[0], re.M)
    if not named or named.group(1) != debian_name:
        err(f"debian/copyright: 'Files: *' is not under 'License: {debian_name}'")
    body = [p for p in paragraphs if re.match(rf"^License:\s*{re.escape(debian_name)}\s*\n", p)]
    if not body:
        err(f"debian/copyright has no stand-alone 'License: {debian_name}' paragraph with its text")
    else:
        lines = [line[1:] if line != " ." else "" for line in body[0].splitlines()[1:]]
        if words("\n".join(lines)) not in text:
            err(f"debian/copyright's {debian_name} License text differs from LICENSE")


def pgversions_allow(spec, major):
    """debian/pgversions: one version or "N+" per line (pg_buildext's syntax)."""
    for line in spec:
        if line.endswith("+") and major >= int(line[:-1]):
            return True
        if line == str(major):
            return True
    return False


def check_control(meta):
    """debian/control is debian/control.in with one package stanza per
    major that pg_buildext updatecontrol would list: each an instance of the
    template, each allowed by debian/pgversions, and META.json's PostgreSQL
    range names the same lowest major."""
    spec = [line.strip() for line in (ROOT / "debian/pgversions").read_text().splitlines() if line.strip()]
    template = (ROOT / "debian/control.in").read_text()
    source, _, package = template.partition("\nPackage: ")
    if not package:
        err("debian/control.in has no package")
        return
    control = (ROOT / "debian/control").read_text()
    majors = [int(m) for m in re.findall(r"^Package: postgresql-(\d+)-salesops$", control, re.M)]
    if not majors:
        err("debian/control has no postgresql-N-salesops package")
    expected = source + "".join("\nPackage: " + package.replace("PGVERSION", str(m)) for m in majors)
    if control != expected:
        err("debian/control is not debian/control.in with one stanza per listed major")
    for m in majors:
        if not pgversions_allow(spec, m):
            err(f"debian/control builds PostgreSQL {m}, which debian/pgversions does not allow")
    lowest = [line[:-1] for line in spec if line.endswith("+")] or spec
    for phase, rel in meta.get("prereqs", {}).items():
        wanted = rel.get("requires", {}).get("PostgreSQL", "")
        if not wanted.startswith(f">= {min(int(v) for v in lowest)}.0.0"):
            err(f"META.json prereqs.{phase}: PostgreSQL {wanted!r} does not start at debian/pgversions' "
                f"lowest major {min(int(v) for v in lowest)}")


def main():
    meta = json.loads((ROOT / "META.json").read_text())
    check_meta(meta)
    check_license(meta)
    control = (ROOT / "salesops.control").read_text()
    default = re.search(r"^default_version\s*=\s*'([^']+)'", control, re.M).group(1)
    if meta.get("version") != default:
        err(f"META.json version {meta.get('version')} != salesops.control default_version {default}")
    for ext, info in meta.get("provides", {}).items():
        if info.get("version") != default:
            err(f"META.json provides.{ext}.version {info.get('version')} != default_version {default}")
    changelog = (ROOT / "debian/changelog").read_text().splitlines()[0]
    deb_version = re.match(r"^salesops \(([^)-]+)-[^)]+\)", changelog)
    if not deb_version or deb_version.group(1) != default:
        err(f"debian/changelog's first entry {changelog!r} is not version {default}-N")
    check_control(meta)
    for e in errors:
        print(e)
    print(f"packaging metadata: META.json (PGXN Meta Spec 1.0.0), debian/, LICENSE and the control file "
          f"at version {default}, license {meta.get('license')}: {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
