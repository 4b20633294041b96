"""Exercises of lesson 16: several files under one field, text fields and a file in one body, and the largest file
as the server stored it.

Each check makes files of its own (random names and contents, in a temporary folder), serves an upload API on
127.0.0.1 (`check_server.serving`) and reads every multipart body part by part with the local server's own reader
(`local_server.bodies.read_multipart`): each part's name, filename, Content-Type and bytes, compared with the
files by SHA-256. A check of "one multipart body arrived" would accept an upload that lost a file, renamed it or
sent one file twice; these compare every part.

The learner's call runs with every warning recorded (`recording_warnings`): aiohttp's DeprecationWarning for
bytes given without a filename is hidden in a notebook and an error under pytest, so the check reports it in its
message instead, the same everywhere. Requests are counted with `core.expect_one_post`, which also hands back
what the learner's code raised before it sent anything (`core.outcome`).
"""

from __future__ import annotations

import hashlib
import mimetypes
import random
import secrets
import tempfile
import warnings
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from local_server.bodies import FormPart, read_multipart
from local_server.limits import LIMITS, Limits

from .check_server import serving
from .core import (
    NotYet,
    exercise,
    expect,
    expect_one_post,
    expect_response_error,
    expect_type,
    outcome,
    recording_warnings,
)
from .sessions import GivenSession, given_session

MULTIPART = "multipart/form-data"
FORM_TYPE = "application/x-www-form-urlencoded"
OCTET_STREAM = "application/octet-stream"


# ---------------------------------------------------------------------------------------------------
# What the three checks share: files to upload, a server that reads each body part by part, warnings recorded.


@dataclass(frozen=True)
class _File:
    """A file the check made for the learner to upload, and what the server must receive for it."""

    path: Path
    content: bytes

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def guessed_type(self) -> str:
        """The content type its name says: what aiohttp picks for an open file of that name."""
        return mimetypes.guess_type(self.name)[0] or OCTET_STREAM


def _write_files(folder: Path, contents: dict[str, bytes]) -> list[_File]:
    files = []
    for name, content in contents.items():
        path = folder / name
        path.write_bytes(content)
        files.append(_File(path, content))
    return files


@dataclass(frozen=True)
class _Upload:
    """One request as the check's server received it, a multipart body read part by part."""

    method: str
    content_type: str
    """The Content-Type header exactly as sent ('' when there was none)."""
    parts: list[FormPart] | None
    """Every part in the order sent; None when the body was not multipart/form-data."""
    body: bytes
    """The raw body when it was not multipart (b'' when it was)."""
    query: dict[str, str]

    @property
    def mimetype(self) -> str:
        return self.content_type.partition(";")[0].strip().lower()


async def _receive(request: web.Request) -> _Upload:
    content_type = request.headers.get("Content-Type", "")
    query = dict(request.query)
    if request.content_type == MULTIPART:
        return _Upload(request.method, content_type, await read_multipart(request), b"", query)
    return _Upload(request.method, content_type, None, await request.read(), query)


Answer = Callable[[_Upload], web.Response]


@asynccontextmanager
async def _serving_uploads(routes: dict[str, Answer]) -> AsyncIterator[tuple[str, list[_Upload], GivenSession]]:
    """Serve POST `routes` (path -> the answer to an upload); yield the base URL, the uploads received, a session."""
    received: list[_Upload] = []

    def handler(answer: Answer):
        async def upload(request: web.Request) -> web.Response:
            received.append(upload := await _receive(request))
            return answer(upload)

        return upload

    app = web.Application()
    app[LIMITS] = Limits()  # what read_multipart counts the body against: 1 MiB, as on the local server
    for path, answer in routes.items():
        app.router.add_post(path, handler(answer))
    async with serving(app) as base_url, given_session() as given:
        yield base_url, received, given


def _bytes_warning(caught: list[warnings.WarningMessage]) -> str:
    """aiohttp's warning for bytes added without a filename, as a sentence to append ('' when it did not warn)."""
    for warning in caught:
        if issubclass(warning.category, DeprecationWarning) and "passing bytes" in str(warning.message):
            return f" (aiohttp warned about it: {warning.category.__name__}: {warning.message})"
    return ""


def _expect_sent(received: list[_Upload], call: str, exc: BaseException | None) -> _Upload:
    """The one POST a call must have made (`core.expect_one_post`), with a file opened in text mode explained."""
    if exc is not None and not received and _caused_by(exc, UnicodeDecodeError):
        raise NotYet(
            f"{call} failed while aiohttp was sending a file: it read the file as text, and the file is not UTF-8 "
            "text. A file opened in text mode ('r') is decoded before it is sent; open files to upload in binary "
            "mode, open(path, 'rb'), so that their bytes go as they are"
        )
    return expect_one_post(received, call, exc)


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _parts_of(upload: _Upload, call: str) -> list[FormPart]:
    """The parts of a multipart/form-data upload; what went wrong, in the learner's terms, for any other body."""
    if upload.parts is not None:
        return upload.parts
    label = upload.content_type or "no Content-Type at all"
    if upload.mimetype == FORM_TYPE:
        values = [value for _, value in parse_qsl(upload.body.decode(errors="replace"))]
        if any(value.startswith("<") and "name=" in value for value in values):
            raise NotYet(
                f"{call} sent an urlencoded form in which each file arrived as the text of its repr "
                "('<_io.BufferedReader name=...>'): a list of files as one dict value is not a file. Add each file "
                "as a field of its own: form.add_field(name, file) once per file, or a list of (name, file) pairs"
            )
        raise NotYet(
            f"{call} sent an urlencoded form ({label}), which carries text only. Files go in a multipart/form-data "
            "body, which aiohttp makes when a value is an open file, or is given a filename"
        )
    raise NotYet(
        f"{call} sent its body labelled {label!r}, not as multipart/form-data: files and the fields sent with them "
        "go in one form body, which aiohttp.FormData (or a dict with open files in data=) makes"
    )


def _expect_files(
    parts: list[FormPart], field: str, files: list[_File], call: str, warned: str, *, types: bool
) -> None:
    """Every file arrived as a part of its own under `field`, in order, with its filename, bytes (and type)."""
    got = len(parts)
    expect(
        got >= len(files),
        f"{call} sent {got} part(s); you were given {len(files)} files: upload every one of them, all in the "
        "same request",
    )
    expect(got == len(files), f"{call} sent {got} parts for {len(files)} files: send each file once")
    names = [part.name for part in parts]
    expect(
        set(names) == {field},
        f"the parts arrived under the names {names}; the task asks for all of them under the one field {field!r}: "
        "add every file with that same name",
    )
    for number, (part, file) in enumerate(zip(parts, files, strict=True), start=1):
        where = f"part {number} (for {file.name})"
        if part.filename is None:
            raise NotYet(
                f"{where} arrived without a filename, so the server took it for a text field, not a file: give each "
                "part its file's name (filename=path.name, or add the open file, whose name aiohttp uses)"
            )
        if part.filename == field != file.name:
            raise NotYet(
                f"{where} arrived with the filename {field!r}, the field's name, not the file's name: that is what "
                f"aiohttp does with bytes added without filename={warned}. Pass filename=path.name, or the open file"
            )
    sent = [hashlib.sha256(part.content).hexdigest() for part in parts]
    names_by_hash = {file.sha256: file.name for file in files}
    for number, digest in enumerate(sent, start=1):
        if sent.count(digest) > 1 and digest in names_by_hash:
            raise NotYet(
                f"part {number} and another part both hold the bytes of {names_by_hash[digest]}: each part must carry "
                "its own file (is the same file opened for every part?)"
            )
    in_order = [file.sha256 for file in files]
    if sent != in_order and sorted(sent) == sorted(in_order):
        arrived = [names_by_hash[digest] for digest in sent]
        raise NotYet(
            f"the files arrived in the order {arrived}; send them in the order you were given them: "
            f"{[file.name for file in files]}"
        )
    for part, file, digest in zip(parts, files, sent, strict=True):
        expect(
            part.filename == file.name,
            f"{file.name} arrived with the filename {part.filename!r}: send each file under its own name",
        )
        if types:
            expect(
                part.content_type == file.guessed_type,
                f"{file.name} arrived labelled {part.content_type!r}; its name says {file.guessed_type!r}. aiohttp "
                "picks the content type from the name of an open file it is given; for bytes it writes "
                f"{OCTET_STREAM!r} unless you pass content_type= (mimetypes.guess_type(name) says which)",
            )
        expect(
            digest == file.sha256,
            f"{file.name} arrived with {len(part.content)} bytes that are not the file's {len(file.content)}: send "
            "the file whole, as it is on disk (opened in binary mode, 'rb')",
        )


# ---------------------------------------------------------------------------------------------------
# 16.1 upload_files: several files under one field, each with its name, content type and bytes.

_KINDS = (".csv", ".json", ".png", ".pdf", ".txt", ".bin")
_WORDS = ("invoice", "scan", "photo", "notes", "export", "receipt", "chart")


def _random_contents(rng: random.Random, token: str, count: int) -> dict[str, bytes]:
    """`count` files with random names (each of another kind) and random bytes of random sizes."""
    words = rng.sample(_WORDS, count)
    kinds = rng.sample(_KINDS, count)
    return {
        f"{word}-{token}{kind}": rng.randbytes(rng.randint(300, 6000)) for word, kind in zip(words, kinds, strict=True)
    }


@exercise(
    "16.1",
    "several files under one field, each with its name, content type and bytes",
    "upload_files",
    (
        "All the files go in one request, each as a part of its own, and every part has the same field name. "
        "aiohttp names a file part after the file it reads and takes its content type from that name, when you "
        "give it the open file itself; bytes carry neither, so you would have to say both.",
        "`aiohttp.FormData()` and one `add_field(field, file)` per path, each file opened with `open(path, 'rb')` "
        "and kept open until the request is sent (`contextlib.ExitStack` holds many); or a list of `(field, file)` "
        "pairs as `data=`. For bytes: `add_field(field, data, filename=path.name, "
        "content_type=mimetypes.guess_type(path.name)[0])`. Check the status before `await resp.json()`.",
    ),
)
async def check_upload_files(upload_files) -> None:
    rng = random.Random()
    token = secrets.token_hex(3)
    field = rng.choice(("attachments", "documents", "uploads"))
    reply = {"id": f"upload-{token}", "stored": 0}

    def accept(upload: _Upload) -> web.Response:
        return web.json_response({**reply, "stored": len(upload.parts or [])}, status=201)

    with tempfile.TemporaryDirectory(prefix="check-16.1-") as folder:
        files = _write_files(Path(folder), _random_contents(rng, token, rng.randint(3, 4)))
        if files == sorted(files, key=lambda file: file.name):
            files.reverse()  # an order of their own: an answer that sorts the files must not pass by chance
        async with _serving_uploads({"/files": accept}) as (base, received, given):
            with recording_warnings() as caught:
                result, exc = await outcome(
                    upload_files(given.session, f"{base}/files", field, [f.path for f in files])
                )
            upload = _expect_sent(received, "upload_files", exc)
            parts = _parts_of(upload, "upload_files")
            _expect_files(parts, field, files, "upload_files", _bytes_warning(caught), types=True)
            if exc is not None:
                raise exc
            expect_type(result, dict, "upload_files", "the server's reply, parsed from its JSON (a dict)")
            expected = {**reply, "stored": len(files)}
            expect(result == expected, f"upload_files returned {result!r}; the server replied {expected!r}")
            given.expect_used("upload_files", 1)


# ---------------------------------------------------------------------------------------------------
# 16.2 submit_with_attachment: text fields and one file in the same body; an error status raises.

ATTACHMENT = "attachment"


def _fields(token: str) -> dict[str, str]:
    return {
        "title": "Grüße aus Köln",
        "summary": "fish & chips = 5 €, 100% sure?",
        "year": "2024",
        "token": token,
    }


def _expect_fields(parts: list[FormPart], fields: dict[str, str], query: dict[str, str], warned: str) -> None:
    for name, value in fields.items():
        named = [part for part in parts if part.name == name]
        if not named and name in query:
            raise NotYet(
                f"the field {name!r} arrived in the URL's query string (params=), not in the body: the fields of a "
                "form go in the same multipart body as the file"
            )
        expect(named, f"the server received no field {name!r}: send every field in the same body as the file")
        expect(len(named) == 1, f"the field {name!r} arrived {len(named)} times: send each field once")
        (part,) = named
        if part.filename is not None:
            raise NotYet(
                f"the field {name!r} arrived as a file (with the filename {part.filename!r}): a value given as bytes "
                f"becomes a file part{warned}. Give each field's value as text, a str"
            )
        expect(
            part.text == value,
            f"the field {name!r} arrived as {part.text!r}; it was {value!r}: send each value unchanged, as text",
        )
    unexpected = sorted({part.name for part in parts} - {*fields, ATTACHMENT})
    expect(not unexpected, f"the server received parts it did not ask for: {unexpected}. Send the fields and the file")


def _expect_attachment(parts: list[FormPart], file: _File, content_type: str, warned: str) -> None:
    attached = [part for part in parts if part.name == ATTACHMENT]
    if not attached:
        names = [part.name for part in parts if part.filename is not None]
        raise NotYet(
            f"the server received no part named {ATTACHMENT!r}"
            + (f" (the file parts were named {names})" if names else "")
            + f": add the file under the field name {ATTACHMENT!r}"
        )
    expect(len(attached) == 1, f"the file arrived {len(attached)} times: send it once")
    _expect_files(attached, ATTACHMENT, [file], "submit_with_attachment", warned, types=False)
    (part,) = attached
    expect(
        part.content_type == content_type,
        f"the file arrived labelled {part.content_type!r}; the task gives its content type, {content_type!r}: pass it "
        "as content_type= (aiohttp guesses from the file name otherwise, and this name says nothing)",
    )


@exercise(
    "16.2",
    "text fields and a file in the same body; an error status raises",
    "submit_with_attachment",
    (
        "One multipart body holds both: each text field as a part without a file name, and the file as a part "
        "with its name and the content type you were given, which its name does not say. A value given as bytes "
        "would become a file, so keep the fields as text. Look at the status before you trust the reply.",
        "`form = aiohttp.FormData(fields)` adds the text fields; `form.add_field('attachment', value, "
        "filename=path.name, content_type=content_type)` adds the file, with its bytes or the open file as the "
        "value, and makes the body multipart/form-data. Then `resp.raise_for_status()` before `await resp.json()`.",
    ),
)
async def check_submit_with_attachment(submit_with_attachment) -> None:
    rng = random.Random()
    token = secrets.token_hex(3)
    fields = _fields(token)
    content_type = rng.choice(("text/csv", "application/vnd.ms-excel", "image/tiff"))
    reply = {"id": f"form-{token}", "title": fields["title"]}
    refusal = {"id": None, "error": "the attachment is larger than this form accepts"}

    with tempfile.TemporaryDirectory(prefix="check-16.2-") as folder:
        (file,) = _write_files(Path(folder), {f"export-{token}": rng.randbytes(rng.randint(800, 4000))})
        routes = {
            "/forms": lambda upload: web.json_response(reply, status=201),
            "/small-forms": lambda upload: web.json_response(refusal, status=413),
        }
        async with _serving_uploads(routes) as (base, received, given):
            with recording_warnings() as caught:
                call = submit_with_attachment(given.session, f"{base}/forms", dict(fields), file.path, content_type)
                result, exc = await outcome(call)
            upload = _expect_sent(received, "submit_with_attachment", exc)
            parts = _parts_of(upload, "submit_with_attachment")
            warned = _bytes_warning(caught)
            if not any(part.filename is not None for part in parts):
                raise NotYet(
                    "the server received no file, only text fields: add the file to the same form, with its "
                    "filename (filename=path.name) and content type"
                )
            _expect_fields(parts, fields, upload.query, warned)
            _expect_attachment(parts, file, content_type, warned)
            if exc is not None:
                raise exc
            expect_type(result, dict, "submit_with_attachment", "the server's reply, parsed from its JSON (a dict)")
            expect(result == reply, f"submit_with_attachment returned {result!r}; the server replied {reply!r}")
            given.expect_used("submit_with_attachment", 1)

            def returned(result: Any) -> str:
                if result == refusal:
                    return (
                        f"for a 413 response submit_with_attachment returned the error body {result!r} as if the form "
                        "had been accepted: check the status (resp.raise_for_status()) before you trust the body"
                    )
                return (
                    f"for a 413 response submit_with_attachment returned {result!r}; it should raise "
                    "ClientResponseError"
                )

            with recording_warnings():
                await expect_response_error(
                    submit_with_attachment(given.session, f"{base}/small-forms", dict(fields), file.path, content_type),
                    413,
                    "for a 413 response submit_with_attachment",
                    returned,
                )
            given.expect_used("submit_with_attachment", 2)


# ---------------------------------------------------------------------------------------------------
# 16.3 largest_stored: which uploaded file takes the most room on the server, from the server's own report.

STORED_FIELD = "files"


def _stored_size(content: bytes) -> int:
    """What the check's server keeps of a file: its bytes compressed."""
    return len(zlib.compress(content, 9))


def _album_contents(rng: random.Random, token: str) -> dict[str, bytes]:
    """A large text file that compresses to almost nothing, and smaller random files that do not compress.

    The largest on disk is never the largest stored; the random files differ by at least 400 bytes."""
    line = f"2024-05-01,{token},coffee,2,19.90\n".encode()
    sizes = rng.sample(range(1500, 9000, 400), rng.randint(2, 3))
    words = rng.sample(_WORDS, len(sizes) + 1)
    contents = {f"{words[0]}-{token}.csv": line * (12_000 // len(line) + max(sizes) // len(line))}
    for word, size in zip(words[1:], sizes, strict=True):
        contents[f"{word}-{token}.bin"] = rng.randbytes(size)
    return contents


def _stored_report(upload: _Upload) -> web.Response:
    parts = upload.parts or []
    if not parts or any(part.name != STORED_FIELD or not part.filename for part in parts):
        return web.json_response({"error": f"send the files as file parts named {STORED_FIELD!r}"}, status=400)
    stored = [
        {"filename": part.filename, "size": len(part.content), "stored_size": _stored_size(part.content)}
        for part in parts
    ]
    return web.json_response({"stored": sorted(stored, key=lambda entry: entry["filename"])}, status=201)


@exercise(
    "16.3",
    "the uploaded file that takes the most room on the server, from its report",
    "largest_stored",
    (
        "The size on your disk is not what the server keeps: it compresses every file it stores, and its reply "
        "says how much room each one took. Upload all the files in one request, then find the entry with the "
        "largest stored size in that reply and return its file name. The entries come sorted by name, not in the "
        "order you sent them. Check the status first.",
        "After `resp.raise_for_status()`, `reply = await resp.json()`; `max(reply['stored'], key=...)` with a key "
        "that reads each entry's `'stored_size'`, then that entry's `'filename'`.",
    ),
)
async def check_largest_stored(largest_stored) -> None:
    rng = random.Random()
    token = secrets.token_hex(3)
    full = {"error": "the album is full", "stored": []}

    with tempfile.TemporaryDirectory(prefix="check-16.3-") as folder:
        files = _write_files(Path(folder), _album_contents(rng, token))
        largest = max(files, key=lambda file: _stored_size(file.content))
        largest_on_disk = max(files, key=lambda file: len(file.content))
        # The paths go in the sorted order shifted, so that no file is at the place its name takes in the sorted
        # reply, and the one at the largest's place is not the largest on disk: each mistake has its own answer.
        by_name = sorted(files, key=lambda file: file.name)
        at = by_name.index(largest)
        shifts = [shift for shift in range(1, len(files)) if by_name[(at + shift) % len(files)] is not largest_on_disk]
        shift = rng.choice(shifts)
        given_order = by_name[shift:] + by_name[:shift]
        routes = {"/album": _stored_report, "/full-album": lambda upload: web.json_response(full, status=507)}
        async with _serving_uploads(routes) as (base, received, given):
            paths = [file.path for file in given_order]
            with recording_warnings() as caught:
                result, exc = await outcome(largest_stored(given.session, f"{base}/album", list(paths)))
            upload = _expect_sent(received, "largest_stored", exc)
            parts = _parts_of(upload, "largest_stored")
            _expect_files(parts, STORED_FIELD, given_order, "largest_stored", _bytes_warning(caught), types=False)
            if exc is not None:
                raise exc
            expect_type(result, str, "largest_stored", "the file name of the largest stored file (a str)")
            if result == largest_on_disk.name:
                raise NotYet(
                    f"largest_stored returned {result!r}, the largest file as sent ({len(largest_on_disk.content)} "
                    f"bytes), which the server stored in {_stored_size(largest_on_disk.content)}. The task asks for "
                    "the one that takes the most room on the server: read 'stored_size' in the server's reply, not "
                    "the sizes on your disk or 'size'"
                )
            names = [file.name for file in given_order]
            if result in names and by_name[names.index(result)] is largest:
                raise NotYet(
                    f"largest_stored returned {result!r}, the file you sent at the place where the reply lists the "
                    "largest stored file: the reply lists the files sorted by name, not in the order you sent them. "
                    "Return the 'filename' of the entry itself"
                )
            expect(
                result == largest.name,
                f"largest_stored returned {result!r}; the largest stored file is {largest.name!r} "
                f"({_stored_size(largest.content)} bytes stored): return the 'filename' of the entry with the largest "
                "'stored_size'",
            )
            given.expect_used("largest_stored", 1)

            def returned(result: Any) -> str:
                return (
                    f"for a 507 response largest_stored returned {result!r} as if the files had been stored: check "
                    "the status (resp.raise_for_status()) before you read the report"
                )

            with recording_warnings():
                await expect_response_error(
                    largest_stored(given.session, f"{base}/full-album", list(paths)),
                    507,
                    "for a 507 response largest_stored",
                    returned,
                )
            given.expect_used("largest_stored", 2)
