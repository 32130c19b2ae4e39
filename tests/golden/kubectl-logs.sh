# kubelab shell --seed 1
kubectl logs -n kube-system deploy/coredns --tail 5
kubectl logs -n kube-system weave-net-7b8hp --tail 3
kubectl logs -n kube-system weave-net-7b8hp -c weave-npc --tail 2
kubectl logs -n kube-system etcd-cp-1 -c nope
kubectl logs nope
kubectl logs
