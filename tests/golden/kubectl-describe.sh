# kubelab shell --seed 1
kubectl describe node worker-1
kubectl describe -n kube-system deploy coredns
kubectl describe -n kube-system pod coredns
kubectl describe -n kube-system ds weave-net
kubectl describe svc kubernetes
kubectl describe ns kube-system
kubectl describe pod nope
kubectl describe
