#!/bin/sh
# sanzi serve, attacked: the Host header of a public page's request. With
# public_base_url unset, the QR code and the print page carry the address
# the browser used (scheme and Host). Only a Host that is a host[:port] as
# a URL has it is used: a host name, an IPv4 address or a bracketed IPv6
# one, a port up to 65535; any other (markup, quotes, user info, several
# colons, empty labels, a port out of range) is never written into the
# page or the QR: the print page shows the QR without the address and
# qr.svg is 400.
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the setup or the server failed"; exit 1; }

# pub PATH HOST: GET without a cookie, with Host HOST.
pub() {
  curl -s -o "$TMP/body" -w '%{http_code}' -H "Host: $2" "$URL$1" >"$TMP/status"
  cat "$TMP/body"
}

test_expect_success 'a valid Host: the print page and the QR carry its address' '
  for h in 127.0.0.1:8080 localhost sanzi.wuchuan.gov.cn "[::1]:8080" \
           xn--fiqs8s.example:443 a-b.c1; do
    pub /public/$V1/print "$h" >p.html && test "$(status)" = 200 &&
    grep -F "<span class=\"url\">http://$h/public/$V1</span>" p.html &&
    pub /public/$V1/qr.svg "$h" >/dev/null && test "$(status)" = 200 || return 1
  done
'

test_expect_success 'a Host that is no host[:port]: no address on the page, qr.svg 400' '
  for h in "x:y:z" "[::1]:1]" "a..b" "-a.example" "a-.example" "a.example:99999" \
           "a.example:" ":80" "[]" "a.example:8a" "evil.example:80:81" \
           "[zz::1]" "a.b:0"; do
    pub /public/$V1/print "$h" >p.html && test "$(status)" = 200 &&
    grep -F "<figure class=\"qr\">" p.html &&
    ! grep -F "class=\"url\"" p.html &&
    pub /public/$V1/qr.svg "$h" >e.html && test "$(status)" = 400 &&
    grep -F "请求的主机名无效" e.html || { echo "Host $h taken"; return 1; }
  done
'

test_expect_success 'markup in the Host never reaches the page' '
  for h in "a\"><script>x</script>" "a.example/<b>" "a.example@evil.example"; do
    pub /public/$V1/print "$h" >p.html &&
    ! grep -F "<script>" p.html && ! grep -F "<b>" p.html &&
    ! grep -F "evil.example" p.html || return 1
  done
'

test_done
