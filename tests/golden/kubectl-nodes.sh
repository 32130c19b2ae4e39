# kubelab shell --seed 1
kubectl create deployment web --image=nginx --replicas=4
sleep 30s
kubectl taint nodes worker-2 dedicated=gpu:NoSchedule
kubectl taint nodes worker-2 dedicated=gpu:NoSchedule
kubectl taint nodes worker-2 dedicated:NoSchedule-
kubectl cordon worker-1
kubectl get nodes
kubectl drain worker-1
kubectl drain worker-1 --ignore-daemonsets
kubectl get pods -o wide
kubectl uncordon worker-1
