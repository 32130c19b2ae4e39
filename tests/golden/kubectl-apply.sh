# kubelab shell --seed 1
kubectl create deployment web --image=nginx:1.26 --replicas=2 --dry-run=client -o yaml > web.yaml
cat web.yaml
kubectl apply -f web.yaml
kubectl apply -f web.yaml
sleep 30s
kubectl get deployments
kubectl apply -f missing.yaml
kubectl apply -f web.yaml --dry-run=server
kubectl apply -f web.yaml -o name
kubectl apply
