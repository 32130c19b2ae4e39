# kubelab shell --seed 1
kubectl create namespace dev
kubectl create deployment api --image=nginx:1.27 --replicas=2 -n dev
kubectl create deployment api --image=nginx:1.27 -n dev
kubectl create configmap settings --from-literal=mode=fast -n dev
kubectl create secret generic creds --from-literal=password=s3cret --dry-run=client -o yaml
kubectl create service nodeport api --tcp=80:8080 -n dev
kubectl run debug --image=busybox --restart=Never --dry-run=client -o yaml -- sleep 3600
kubectl run debug --image=busybox --restart=Never -- sleep 3600
kubectl expose deployment api --port=80 --name=api-internal -n dev
kubectl create deployment broken
