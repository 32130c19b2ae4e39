# kubelab shell --seed 1
kubectl create deployment web --image=nginx:1.26 --replicas=3
kubectl rollout status deployment/web
kubectl set image deployment/web nginx=nginx:1.27
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl rollout undo deployment/web
kubectl rollout status deployment/web
kubectl scale deployment web --replicas=1
kubectl rollout restart deployment/web
kubectl rollout status deployment/web
