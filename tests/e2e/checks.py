"""What the browser tests check on a page: accessibility (axe-core), text that fits, the Khmer font."""

from __future__ import annotations

import pytest

from tests.e2e.support import ROOT, unavailable

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


# ---- accessibility ------------------------------------------------------------------------


def require_axe() -> None:
    if not AXE.is_file():
        unavailable(f"{AXE.relative_to(ROOT)} is missing (`npm ci` installs it; make test does)")


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (every rule axe runs by default)."""
    require_axe()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, as the page's own code is not: a <script>
        # tag (add_script_tag) would be inline code, which the site's policy refuses.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "), html: n.html, summary: n.failureSummary,
                })),
            }));
        }"""
    )


def serious_violations(page) -> list[dict]:
    return [v for v in axe_violations(page) if v["impact"] in SERIOUS]


def describe_violations(violations: list[dict], url: str) -> str:
    lines = [f"{len(violations)} serious or critical accessibility problem(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:8]:
            lines.append(f"  - {node['target']}\n    {node['html'][:200]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"      {detail}")
        if len(violation["nodes"]) > 8:
            lines.append(f"  ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    violations = serious_violations(page)
    if violations:
        pytest.fail(describe_violations(violations, page.url), pytrace=False)


# ---- text that fits its box -----------------------------------------------------------------

# For every piece of visible text: each of its line fragments must lie, across, inside the
# content box of the box that holds it (its nearest ancestor that is not inline) and inside
# the window; and no element that clips its content may cut text off. Text in a box that
# scrolls sideways on purpose (overflow-x: auto or scroll) is in its box by design.
OVERFLOW_JS = """
() => {
  const TOLERANCE = 1;
  const view = document.documentElement.clientWidth;
  const problems = [];
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (el.classList.length) name += "." + [...el.classList].join(".");
    const parent = el.parentElement;
    return parent && parent !== document.body ? describe(parent) + " > " + name : name;
  };
  const hiddenOnPurpose = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.clip !== "auto" || style.clipPath !== "none") return true;  // visually hidden
      if (node.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  };
  const scrollsAcross = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow === "auto" || overflow === "scroll") return true;
    }
    return false;
  };
  const boxOf = (el) => {
    let node = el;
    while (node && ["inline", "contents"].includes(getComputedStyle(node).display)) {
      node = node.parentElement;
    }
    return node;
  };

  if (document.documentElement.scrollWidth > view + TOLERANCE) {
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${view}px window`);
  }

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.data.trim()) continue;
    const el = text.parentElement;
    if (!el || el.closest("script, style, template, noscript, select, option, svg")) continue;
    if (!el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) continue;
    if (hiddenOnPurpose(el) || scrollsAcross(el)) continue;
    const box = boxOf(el);
    const style = getComputedStyle(box);
    const outer = box.getBoundingClientRect();
    const left = outer.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
    const right = outer.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const fragment of range.getClientRects()) {
      if (fragment.width === 0) continue;
      let where = null;
      if (fragment.left < -TOLERANCE || fragment.right > view + TOLERANCE) where = "the window";
      else if (fragment.left < left - TOLERANCE || fragment.right > right + TOLERANCE) where = "its box";
      if (where) {
        const key = describe(box) + where;
        if (!seen.has(key)) {
          seen.add(key);
          problems.push(
            `"${text.data.trim().slice(0, 60)}" runs out of ${where} ` +
            `(${Math.round(fragment.left)}..${Math.round(fragment.right)}px, box ` +
            `${Math.round(left)}..${Math.round(right)}px, window ${view}px): ${describe(box)}`
          );
        }
        break;
      }
    }
  }

  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (!["hidden", "clip"].includes(style.overflowX) && !["hidden", "clip"].includes(style.overflowY)) continue;
    if (!el.innerText || !el.innerText.trim() || hiddenOnPurpose(el)) continue;
    const across = ["hidden", "clip"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + TOLERANCE;
    const down = ["hidden", "clip"].includes(style.overflowY) && el.scrollHeight > el.clientHeight + TOLERANCE;
    if (across || down) {
      problems.push(
        `${describe(el)} cuts its text off (${el.scrollWidth}x${el.scrollHeight}px ` +
        `of content in ${el.clientWidth}x${el.clientHeight}px)`
      );
    }
  }
  return problems;
}
"""


def text_overflows(page) -> list[str]:
    return page.evaluate(OVERFLOW_JS)


# ---- the Khmer web font -------------------------------------------------------------------

KHMER_FONT = "Noto Sans Khmer"

FONT_STATE_JS = """
async (family) => {
  await document.fonts.ready;
  const faces = [...document.fonts].filter((face) => face.family.replace(/["']/g, "") === family);
  return {
    faces: faces.map((face) => face.status),
    check: document.fonts.check(`16px "${family}"`, "ក"),
  };
}
"""


def khmer_font_state(page) -> dict:
    return page.evaluate(FONT_STATE_JS, KHMER_FONT)


def rendering_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium really drew the element's text with (DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        document = session.send("DOM.getDocument", {"depth": 0})
        node = session.send(
            "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector}
        )
        if not node["nodeId"]:
            raise AssertionError(f"{selector} is not on {page.url}")
        return session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    finally:
        session.detach()
