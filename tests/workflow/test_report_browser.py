"""The HTML report opened in a real headless browser: Debian's chromium, driven through
Debian's chromedriver by Selenium (both packages installed by the test; skipped only where
apt-get is absent). The test clicks through the Snakemake report as a reader would:

* Claims: the "Claims" category, then the eye button of results/tables/claims.html, the
  claims table rendered for the report (the report gives CSV files no in-page viewer, only
  a download link): the table in the report's viewer must show rows C1, C5, C8 with their
  status, the same ids as the CSV entry's ``data:text/csv`` download.
* Figure: "Two-level model", "Fig. 3", then the eye button of results/figures/fig3.png: the
  report's image viewer must show a loaded image (naturalWidth > 100).

Each view is screenshotted (PNG > 10 kB; paths printed);
with REPORT_SCREENSHOT_DIR set the screenshots are copied there (report_claims.png,
report_figure.png).
"""

from __future__ import annotations

import base64
import csv
import io
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from ..helpers import REPO, run_snakemake

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]
STATUSES = {"reproduced", "differs", "not_checked"}
TIMEOUT = 30


@pytest.fixture(scope="module")
def report(built) -> Path:
    run_snakemake(built, "--report", "report.html")
    return built / "report.html"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Chromium under chromedriver, with a fresh profile and a download directory."""
    if not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()):
        if shutil.which("apt-get") is None:
            pytest.skip("apt-get is absent: cannot install Debian's chromium and chromedriver")
        subprocess.run(
            ["bash", str(REPO / "tests/cluster/apt_install.sh"), "chromium", "chromium-driver"],
            check=True,
            timeout=900,
        )
    profile = tmp_path_factory.mktemp("chromium-profile")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # with the driver path given, Selenium Manager never runs
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        driver.downloads = downloads
        yield driver
    finally:
        driver.quit()


def click(driver, xpath: str):
    element = WebDriverWait(driver, TIMEOUT).until(ec.element_to_be_clickable((By.XPATH, xpath)))
    element.click()
    return element


def menu(label: str) -> str:
    """The report's navigation entry (category or subcategory) labelled ``label``."""
    return f"//nav//a[normalize-space(.)='{label}']"


def row(result: str) -> str:
    """The row of ``result`` in the navigation's file table."""
    return f"//nav//tr[td[normalize-space(.)='{result}']]"


def eye_button(result: str) -> str:
    """The view button ("eye" icon) in the row of ``result``."""
    return f"{row(result)}//a[@iconname='eye']"


def screenshot(driver, path: Path) -> Path:
    assert driver.save_screenshot(str(path))
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000, (path, len(data))
    print(f"screenshot: {path}")
    target = os.environ.get("REPORT_SCREENSHOT_DIR")
    if target:
        shutil.copy(path, Path(target) / path.name)
    return path


def test_report_claims_table_in_chromium(browser, report, tmp_path):
    """The Claims category shows claims.html in the report's own viewer: a table whose rows
    C1, C5, C8 carry a status (the CSV beside it has no in-page viewer, only a download)."""
    browser.get(report.as_uri())
    click(browser, menu("Claims"))
    click(browser, eye_button("results/tables/claims.html"))
    frame = WebDriverWait(browser, TIMEOUT).until(
        ec.visibility_of_element_located((By.TAG_NAME, "iframe"))
    )
    assert frame.size["width"] > 300 and frame.size["height"] > 200, frame.size
    browser.switch_to.frame(frame)
    table = WebDriverWait(browser, TIMEOUT).until(
        ec.visibility_of_element_located((By.ID, "claims"))
    )
    rows = {
        tr.get_attribute("id"): tr.find_element(By.CLASS_NAME, "status").text
        for tr in table.find_elements(By.XPATH, ".//tbody/tr")
    }
    for claim in ("C1", "C5", "C8"):
        assert claim in rows, f"{claim} not shown; shown ids: {sorted(rows)}"
        assert rows[claim] in STATUSES, (claim, rows[claim])
    assert "reproduced" in rows.values()
    browser.switch_to.default_content()
    screenshot(browser, tmp_path / "report_claims.png")
    # the CSV entry is there too, as a download (data: URI) of the same table
    href = browser.find_element(By.XPATH, eye_button("results/tables/claims.csv")).get_attribute(
        "href"
    )
    assert href.startswith("data:text/csv;"), href[:80]
    ids = {
        r["id"]
        for r in csv.DictReader(io.StringIO(base64.b64decode(href.split(",", 1)[1]).decode()))
    }
    assert ids == set(rows)


def test_report_figure_in_chromium(browser, report, tmp_path):
    browser.get(report.as_uri())
    click(browser, menu("Two-level model"))
    click(browser, menu("Fig. 3"))
    click(browser, eye_button("results/figures/fig3.png"))
    image = WebDriverWait(browser, TIMEOUT).until(
        ec.visibility_of_element_located((By.XPATH, "//img[starts-with(@src, 'data:image/png')]"))
    )
    width = 0
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        width = browser.execute_script(
            "return arguments[0].complete ? arguments[0].naturalWidth : 0;", image
        )
        if width:
            break
        time.sleep(0.2)
    assert width > 100, f"the figure did not load (naturalWidth {width})"
    assert image.size["width"] > 100 and image.size["height"] > 100, image.size
    screenshot(browser, tmp_path / "report_figure.png")
