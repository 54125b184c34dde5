"""Which addresses are blocked, in every spelling a stranger might try."""

from __future__ import annotations

from ipaddress import ip_address

import pytest

from bot.ingest.addresses import is_blocked, parse_ip


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("127.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("[::1]", "::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("93.184.216.34", "93.184.216.34"),
    ],
)
def test_odd_ip_spellings_are_read_like_the_c_resolver(spelling, address):
    assert parse_ip(spelling) == ip_address(address)


@pytest.mark.parametrize("host", ["example.com", "256.1.1.1", "1.2.3.4.5", "08", "::g"])
def test_names_and_invalid_numbers_are_not_addresses(host):
    assert parse_ip(host) is None


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.0.9",
        "10.0.0.1",
        "172.31.255.255",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.254",
        "100.100.100.200",
        "0.0.0.0",
        "0.1.2.3",
        "224.0.0.251",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "192.0.0.170",
        "198.18.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "ff02::1",
        "fec0::1",
        "2001:db8::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::1",
        "2002:7f00:1::1",
        "2002:c0a8:101::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    ],
)
def test_non_public_addresses_are_blocked(address):
    assert is_blocked(ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "2606:4700::1111",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
    ],
)
def test_public_addresses_are_allowed(address):
    assert not is_blocked(ip_address(address))


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1"])
def test_test_setting_opens_loopback(address):
    assert not is_blocked(ip_address(address), allow_loopback=True)


@pytest.mark.parametrize(
    "address", ["::ffff:127.0.0.1", "10.0.0.1", "169.254.169.254", "fd00:ec2::254", "0.0.0.0"]
)
def test_test_setting_opens_nothing_but_loopback(address):
    assert is_blocked(ip_address(address), allow_loopback=True)
