# kubelab shell --seed 1
kubectl exec nope -- ls
kubectl exec -n kube-system coredns-85c7587886-hw4c2 -- ls
kubectl exec -n kube-system kube-proxy-52rp6 -- cat /etc/resolv.conf
exit
