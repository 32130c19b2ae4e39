# kubelab shell --seed 1
curl -k https://192.168.56.11:6443/livez
ssh cp-1
ss -tlnp
ip addr show enp0s8
ip route
iptables -t nat -L KUBE-SERVICES -n
curl -k https://127.0.0.1:6443/readyz?verbose
curl https://127.0.0.1:6443/livez
curl http://127.0.0.1:10248/healthz
curl -m 3 http://10.99.99.99
exit
