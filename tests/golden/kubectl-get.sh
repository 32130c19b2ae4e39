# kubelab shell --seed 1
kubectl get nodes
kubectl get nodes -o wide
kubectl get pods -A
kubectl get all -n kube-system
kubectl get svc,deploy -A --show-labels
kubectl get pods
kubectl get pods nope
kubectl get nope
kubectl get
kubectl get ds -n kube-system -o name
kubectl get ns default -o yaml
kubectl get pods -n kube-system --sort-by=.spec.nodeName -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName
kubectl get nodes -o jsonpath='{.items[*].status.nodeInfo.kubeletVersion}'
kubectl get events -n kube-system --field-selector reason=LeaderElection
kubectl get --raw /version
