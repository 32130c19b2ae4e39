# kubelab shell --seed 1
kubectl version
kubectl cluster-info
kubectl api-resources
kubectl api-versions
kubectl top nodes
kubectl events -n kube-system --for deploy/coredns
kubectl explain pods
kubectl explain deploy.spec.replicas
kubectl config view
kubectl config get-contexts
kubectl config current-context
