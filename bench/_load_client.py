"""The simulated users of bench/load.py: one thread and one HTTP session each, working through the
workspace's pages as a browser would (GET the page, post its form back with the CSRF token, follow the
redirect and read the flashed message), and the tally of what happened."""

from __future__ import annotations

import html
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from html.parser import HTMLParser

import requests

TIMEOUT = (5, 30)  # connect, read: no request may hang the run

# A form coming back with one of these is the domain refusing what a colleague made impossible a
# moment earlier, not a failure: (kind, text the page shows).
REFUSALS = (
    ("stock_short_for_batch", "so the batch was not started"),
    ("insufficient_stock", " is available."),
    ("insufficient_stock", " items are short."),
    ("lot_emptied", " left to take; you asked for "),
    ("lot_emptied", "(the list may have changed)"),
    ("batch_moved_on", ", so it can't be "),
    ("batch_moved_on", "only a running batch can be finished"),
)
_ALERT = re.compile(r'<div class="alert alert-(\w+)"[^>]*role="alert">(.*?)</div>', re.S)
_FIELD_ERROR = re.compile(r'<div class="invalid-feedback d-block">(.*?)</div>', re.S)
_TAG = re.compile(r"<[^>]+>")
_BATCH_LINK = re.compile(r'href="/batches/(\d+)/"')
_ON_HAND = re.compile(r"On hand: ([\d,.]+) ")


class Stop(Exception):
    """The deadline passed, or the flow cannot go on after an error (already counted)."""


# --- pages ----------------------------------------------------------------------------------------


class _Forms(HTMLParser):
    """Every form on a page with the values a browser would submit by default."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._open = False
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self.forms.append({"action": attrs.get("action") or "", "method": method, "data": {}})
            self._open = True
            return
        if not self._open:
            return
        data = self.forms[-1]["data"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                data[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            data[name] = ""

    def handle_data(self, text):
        if self._textarea and self._open:
            self.forms[-1]["data"][self._textarea] += text

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = False
        elif tag == "select" and self._select:
            self.forms[-1]["data"].setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def post_form(page: str, *, action: str = "", field: str | None = None, value: str | None = None):
    """The data of the page's POST form whose action is `action` ("" = the page itself) and, when
    given, that holds `field` (equal to `value`); None when the page has no such form."""
    parser = _Forms()
    parser.feed(page)
    for form in parser.forms:
        if form["method"] != "post" or form["action"] != action:
            continue
        if field is not None and field not in form["data"]:
            continue
        if value is not None and form["data"].get(field) != value:
            continue
        return dict(form["data"])
    return None


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def messages(page: str) -> tuple[list[str], list[str]]:
    """(success messages, error messages: danger alerts and field errors) shown on a page."""
    good, bad = [], []
    for level, body in _ALERT.findall(page):
        (good if level == "success" else bad if level == "danger" else []).append(_text(body))
    bad += [_text(body) for body in _FIELD_ERROR.findall(page)]
    return good, bad


def refusal_kind(errors: list[str]) -> str | None:
    """The kind of legitimate refusal every error message is, or None if one of them is not."""
    kinds = []
    for message in errors:
        kind = next((k for k, text in REFUSALS if text in message), None)
        if kind is None:
            return None
        kinds.append(kind)
    return kinds[0] if kinds else None


# --- the tally ------------------------------------------------------------------------------------


def _percentile_ms(samples: list[float], pct: float) -> float:
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return round(ordered[rank - 1] * 1000, 1)


class Stats:
    """One user's record (merged at the end): every request's operation, latency and outcome."""

    def __init__(self):
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.outcomes: dict[str, Counter] = defaultdict(Counter)
        self.refusals: Counter = Counter()
        self.error_samples: list[str] = []

    def add(self, op: str, seconds: float, outcome: str = "ok", detail: str = "") -> None:
        self.latencies[op].append(seconds)
        self.outcomes[op][outcome] += 1
        if outcome == "refused":
            self.refusals[detail] += 1
        elif outcome == "error" and len(self.error_samples) < 5:
            self.error_samples.append(f"{op}: {detail}")

    @classmethod
    def merged(cls, parts: Iterable[Stats]) -> Stats:
        total = cls()
        for part in parts:
            for op, samples in part.latencies.items():
                total.latencies[op] += samples
                total.outcomes[op].update(part.outcomes[op])
            total.refusals.update(part.refusals)
            total.error_samples += part.error_samples
        return total

    def _count(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.outcomes.values())

    @property
    def requests(self) -> int:
        return sum(len(samples) for samples in self.latencies.values())

    @property
    def errors(self) -> int:
        return self._count("error")

    @property
    def refused(self) -> int:
        return self._count("refused")

    def percentile_ms(self, pct: float) -> float:
        return _percentile_ms([s for samples in self.latencies.values() for s in samples], pct)

    def refusal_kinds(self) -> dict[str, int]:
        return dict(sorted(self.refusals.items()))

    def per_operation(self) -> dict[str, dict]:
        return {
            op: {
                "requests": len(samples),
                "p50_ms": _percentile_ms(samples, 50),
                "p95_ms": _percentile_ms(samples, 95),
                "errors": self.outcomes[op]["error"],
                "refused": self.outcomes[op]["refused"],
            }
            for op, samples in sorted(self.latencies.items())
        }


# --- a user ---------------------------------------------------------------------------------------


class User:
    """One member at work in one workspace until `deadline` (time.monotonic())."""

    def __init__(self, name: str, workspace: dict, session_key: str, port: int, rng):
        self.name = name
        self.rng = rng
        self.stats = Stats()
        self.deadline = math.inf
        # Seconds a person waits between two actions (reading, weighing, pouring); None: none at all.
        self.think: tuple[float, float] | None = None
        self.origin = f"http://{workspace['slug']}.localhost:{port}"
        self.base = f"http://127.0.0.1:{port}"
        self.items = [*workspace["items"].values(), workspace["product"]]
        self.ingredients = list(workspace["items"].values())
        self.version = workspace["version"]
        self.http = requests.Session()
        self.http.trust_env = False  # straight to the local server, never through a proxy
        self.http.headers.update({"Host": self.origin.removeprefix("http://")})
        # requests files cookies under the Host header's domain, so the jar works as in a browser.
        self.http.cookies.set("sessionid", session_key, domain=f"{workspace['slug']}.localhost")
        self.flows = [
            (self.dashboard, 6),
            (self.inventory_list, 8),
            (self.item_detail, 10),
            (self.receive, 14),
            (self.adjust, 14),
            (self.plan, 10),
            (self.start, 14),
            (self.finish, 14),
            (self.cancel, 4),
        ]

    # requests --------------------------------------------------------------------------------

    def _send(self, op: str, method: str, path: str, data=None, referer: str = ""):
        if time.monotonic() >= self.deadline:
            raise Stop
        headers = {"Origin": self.origin, "Referer": self.origin + referer} if data else None
        started = time.perf_counter()
        try:
            response = self.http.request(
                method,
                self.base + path,
                data=data,
                headers=headers,
                timeout=TIMEOUT,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            self.stats.add(op, time.perf_counter() - started, "error", f"{path}: {exc!r}")
            raise Stop
        return response, time.perf_counter() - started

    def page(self, op: str, path: str) -> str:
        """GET a page that must simply be there (200)."""
        response, seconds = self._send(op, "GET", path)
        if response.status_code != 200:
            self.stats.add(op, seconds, "error", f"GET {path}: {response.status_code}")
            raise Stop
        self.stats.add(op, seconds)
        return response.text

    def submit(self, op: str, path: str, data: dict | None, *, follow: str, referer: str = ""):
        """POST a form (or GET a page that may redirect, when `data` is None) and judge the outcome:
        redirected with a success message, a legitimate refusal, or an error. Returns the page the
        user ends up on, or None after an error."""
        method = "POST" if data is not None else "GET"
        response, seconds = self._send(op, method, path, data, referer or path)
        status = response.status_code
        if status in (301, 302, 303):
            location = response.headers.get("Location", "")
            if not location.startswith("/"):
                self.stats.add(op, seconds, "error", f"{method} {path}: redirected to {location}")
                return None
            landed = self.page(follow, location)
        elif status == 200:
            landed = response.text
        else:
            self.stats.add(op, seconds, "error", f"{method} {path}: {status}")
            return None
        good, bad = messages(landed)
        if bad:
            kind = refusal_kind(bad)
            if kind is None:
                self.stats.add(op, seconds, "error", f"{method} {path}: {' | '.join(bad)[:300]}")
                return None
            self.stats.add(op, seconds, "refused", kind)
        elif method == "POST" and not good:
            self.stats.add(op, seconds, "error", f"POST {path}: {status} without a message")
            return None
        else:
            self.stats.add(op, seconds)
        return landed

    # the day's work --------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Open the dashboard once (not counted); a user who cannot stops the run at once."""
        try:
            response, _ = self._send("warm_up", "GET", "/")
        except Stop:
            raise RuntimeError(
                f"{self.name} could not reach the server: {self.stats.error_samples}"
            )
        if response.status_code != 200:
            where = response.headers.get("Location", "")
            raise RuntimeError(
                f"{self.name} could not open the dashboard: {response.status_code} {where}"
            )

    def work(self) -> None:
        flows, weights = zip(*self.flows, strict=True)
        if self.think:  # people don't all start on the same second
            self.pause()
        while time.monotonic() < self.deadline:
            try:
                self.rng.choices(flows, weights)[0]()
            except Stop:
                pass
            except Exception as exc:  # a slip of the simulation itself: counted, never hidden
                self.stats.add("client", 0.0, "error", repr(exc))
            if self.think:
                self.pause()

    def pause(self) -> None:
        low, high = self.think or (0.0, 0.0)
        time.sleep(max(0.0, min(self.rng.uniform(low, high), self.deadline - time.monotonic())))

    def amount(self, item: dict, low: float, high: float) -> str:
        value = item["per_batch"] * Decimal(str(round(self.rng.uniform(low, high), 2)))
        if item["unit"] == "each":
            return str(max(value.quantize(Decimal("1")), Decimal("1")))
        return str(value.quantize(Decimal("0.1")))

    def dashboard(self) -> None:
        self.page("dashboard", "/")

    def inventory_list(self) -> None:
        self.page("inventory_list", "/inventory/" + self.rng.choice(["", "", "?q=oil", "?low=1"]))

    def item_detail(self) -> None:
        self.page("item_detail", f"/inventory/items/{self.rng.choice(self.items)['pk']}/")

    def receive(self) -> None:
        item = self.rng.choice(self.ingredients)
        path = f"/inventory/items/{item['pk']}/receive/"
        data = post_form(self.page("receive_form", path), field="quantity")
        data.update(
            quantity=self.amount(item, 5, 25),
            unit_cost=str(round(self.rng.uniform(0.005, 0.4), 4)),
            supplier="Bench supplies",
            supplier_lot_code=f"B-{self.rng.randrange(10**6)}",
        )
        self.submit("receive", path, data, follow="item_detail")

    def adjust(self) -> None:
        item = self.rng.choice(self.items)
        path = f"/inventory/items/{item['pk']}/adjust/"
        page = self.page("adjust_form", path)
        action = self.rng.choices(["giveaway", "dispose", "recount"], [5, 3, 2])[0]
        data = post_form(page, field="action", value=action)
        if action == "recount":
            on_hand = Decimal(_ON_HAND.search(page).group(1).replace(",", ""))
            change = Decimal(self.amount(item, 0.01, 0.1))
            counted = on_hand - change if self.rng.random() < 0.7 else on_hand + change
            data["recount-quantity"] = str(max(counted, Decimal("0")))
        else:
            data[f"{action}-quantity"] = self.amount(item, 0.02, 0.1)
            kinds = ["tester", "gift", "sample"] if action == "giveaway" else ["spoil", "damaged"]
            data[f"{action}-kind"] = self.rng.choice(kinds)
            lots = re.findall(rf'name="{action}-lot".*?</select>', page, re.S)
            choices = re.findall(r'<option value="(\d+)"', lots[0]) if lots else []
            if choices and self.rng.random() < 0.3:
                data[f"{action}-lot"] = choices[0]  # everyone reaches for the oldest lot
        self.submit("adjust", path, data, follow="item_detail")

    def plan(self) -> None:
        path = f"/batches/plan/{self.version}/"
        data = post_form(self.page("plan_form", path), field="factor")
        data["factor"] = self.rng.choice(["1", "1", "1", "0.5", "2"])
        self.submit("plan", path, data, follow="batch_detail")

    def _pick_batch(self, status: str) -> int | None:
        page = self.page("batch_list", f"/batches/?status={status}")
        ids = list(dict.fromkeys(_BATCH_LINK.findall(page)))
        # The newest few: colleagues reach for the same batches.
        return int(self.rng.choice(ids[:4])) if ids else None

    def start(self) -> None:
        pk = self._pick_batch("planned")
        if pk is None:
            return self.plan()
        page = self.page("batch_detail", f"/batches/{pk}/")
        data = post_form(page, action=f"/batches/{pk}/start/")
        if data is not None:  # None: a colleague started or cancelled it meanwhile
            self.submit(
                "start",
                f"/batches/{pk}/start/",
                data,
                follow="batch_detail",
                referer=f"/batches/{pk}/",
            )

    def finish(self) -> None:
        pk = self._pick_batch("in_progress")
        if pk is None:
            return self.start()
        path = f"/batches/{pk}/finish/"
        page = self.submit("finish_form", path, None, follow="batch_detail")
        data = post_form(page, field="actual_yield") if page else None
        if data is not None:
            self.submit("finish", path, data, follow="batch_detail")

    def cancel(self) -> None:
        pk = self._pick_batch(self.rng.choice(["in_progress", "planned"]))
        if pk is None:
            return
        page = self.page("batch_detail", f"/batches/{pk}/")
        data = post_form(page, action=f"/batches/{pk}/cancel/")
        if data is not None:
            data["reason"] = "Bench: changed plans"
            self.submit(
                "cancel",
                f"/batches/{pk}/cancel/",
                data,
                follow="batch_detail",
                referer=f"/batches/{pk}/",
            )
