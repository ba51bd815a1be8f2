# Sourced by bench/webdav and scripts/make-classlist: in the current directory ($work), makes a CA
# (hashed directory certs/), a host certificate for localhost and a user certificate (usercert.pem,
# userkey.pem) with openssl, and starts xrootd with XrdHttp over TLS on a free loopback port.
# Sets $port and $xrd_pid; the caller kills $xrd_pid. Needs xrootd-server, openssl, python3.
mkdir certs data admin run log tls
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/C=CH/O=Dshell Bench/CN=Bench CA" 2>/dev/null
cp ca.pem "certs/$(openssl x509 -hash -noout -in ca.pem).0"
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > host.ext
openssl req -newkey rsa:2048 -nodes -keyout tls/host.key -out host.csr -subj "/C=CH/O=Dshell Bench/CN=localhost" 2>/dev/null
openssl x509 -req -in host.csr -CA ca.pem -CAkey ca.key -set_serial 2 -days 2 -extfile host.ext -out tls/host.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout userkey.pem -out user.csr -subj "/C=CH/O=Dshell Bench/CN=Bench User" 2>/dev/null
openssl x509 -req -in user.csr -CA ca.pem -CAkey ca.key -set_serial 3 -days 2 -out usercert.pem 2>/dev/null
chmod 600 userkey.pem tls/host.key
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R nobody data admin run log tls
  run_as=(-R nobody)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > xrootd.cfg <<CFG
xrd.port $port
xrd.protocol XrdHttp:$port libXrdHttp.so
xrd.tls $PWD/tls/host.pem $PWD/tls/host.key
xrd.tlsca certdir $PWD/certs
# XRootD computes at most a few checksums at once and makes further asks wait (seconds) by default;
# a site serving parallel uploads raises the limit.
xrootd.chksum max 16 adler32
all.export /
oss.localroot $PWD/data
all.adminpath $PWD/admin
all.pidpath $PWD/run
CFG
xrootd "${run_as[@]}" -c xrootd.cfg -l "$PWD/log/xrootd.log" > xrootd.out 2>&1 &
xrd_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
