# kubelab shell --seed 1
kubectl run web --image=nginx
sleep 20s
kubectl delete pod web
kubectl delete pod web
kubectl run web2 --image=nginx
kubectl delete pod web2 --force --grace-period=0
kubectl delete pods -l app=nothing
kubectl delete pod
