"""Drives headless Chromium over the web catalog: axe-core 4.x, keyboard order, screenshots.

Usage: web-a11y.py BASE_URL AXE_JS SCREENSHOTS(0|1). Called by scripts/check/web-a11y.
Exit 1 on any axe violation (WCAG 2.0/2.1 A and AA rules) or keyboard problem.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE, AXE, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
LANGUAGES = ["en", "sq", "bg", "ro"]
# Every page type: (name, path). The record is the demo's Tirana pilot, with adoptions.
PAGES = [
    ("search", "/"),
    ("search-results", "/?q=dhena"),
    ("search-no-hits", "/?q=zzzz&city=sofia"),
    ("record", "/records/tirana/pilot/digital-rights-pilot-2022"),
    ("city", "/cities/sofia"),
    ("overview", "/overview"),
    ("not-found", "/no/such/page"),
    ("staff-login", "/staff/login"),
    # Behind the sign-in (the script signs in first):
    ("staff", "/staff"),
    ("staff-edit", "/staff/edit"),
    ("staff-record", "/staff/record?id=sofia/practice/cities-coalition-participation"),
]
SIGNED_IN = {"staff", "staff-edit", "staff-record"}
TITLES = {"en": "Agora", "sq": "Agora", "bg": "Агора", "ro": "Agora"}
FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])"


def browser():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"]:
        options.add_argument(flag)
    options.accept_insecure_certs = True
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    return driver


def axe_violations(driver, source):
    driver.execute_script(source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));")
    return json.loads(result)


def keyboard_problems(driver):
    """Tabs through the page from the top: every focusable element must be reached, in document order."""
    expected = driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".filter(e => !e.disabled && (e.offsetParent !== null || getComputedStyle(e).position === 'absolute'))"
        ".map(e => e.outerHTML.slice(0, 160));", FOCUSABLE)
    driver.execute_script("window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur();")
    reached = []
    for _ in range(len(expected) + 3):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        html = driver.execute_script("return document.activeElement === document.body ? null"
                                     " : document.activeElement.outerHTML.slice(0, 160);")
        if html is None or (reached and html == reached[0]):
            break
        reached.append(html)
    if reached[:len(expected)] == expected:
        return []
    missing = [e for e in expected if e not in reached]
    detail = ("first unreached: " + missing[0]) if missing else ("order differs at: " + next(
        r for r, e in zip(reached, expected) if r != e))
    return ["keyboard: Tab reached %d of %d controls; %s" % (len(set(reached) & set(expected)), len(expected), detail)]


def sign_in(driver):
    """Signs in as the account scripts/check/web-a11y made, with the keyboard-reachable form."""
    driver.get(BASE + "/staff/login?hl=en")
    driver.find_element(By.ID, "f-user").send_keys("a11y")
    driver.find_element(By.ID, "f-password").send_keys(os.environ["WEB_A11Y_PASSWORD"])
    driver.find_element(By.CSS_SELECTOR, "form.staff button[type=submit]").click()
    WebDriverWait(driver, 30).until(lambda d: "/staff/login" not in d.current_url)


def main():
    source = open(AXE, encoding="utf-8").read()
    driver = browser()
    failures = 0
    try:
        for language in LANGUAGES:
            for name, path in PAGES:
                if name == "staff-login":
                    driver.delete_all_cookies()
                if name == "staff":
                    sign_in(driver)
                url = BASE + path + ("&" if "?" in path else "?") + "hl=" + language
                driver.get(url)
                if TITLES[language] not in driver.title:
                    print("FAIL %s %s: unexpected title %r (certificate page?)" % (language, path, driver.title))
                    failures += 1
                    continue
                violations = axe_violations(driver, source)
                for violation in violations:
                    failures += 1
                    targets = [node.get("target") for node in violation.get("nodes", [])][:3]
                    print("FAIL %s %s: axe %s: %s %s" % (language, path, violation["id"], violation["help"], targets))
                for problem in keyboard_problems(driver):
                    failures += 1
                    print("FAIL %s %s: %s" % (language, path, problem))
                if not violations:
                    print("ok   %s %s" % (language, path))
                if SHOTS and language == "en":
                    driver.get(url)
                    driver.save_screenshot("docs/screenshots/%s.png" % name)
    finally:
        driver.quit()
    print("web-a11y: %d problem(s) on %d pages" % (failures, len(LANGUAGES) * len(PAGES)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
