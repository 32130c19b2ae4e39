# kubelab shell --seed 1
ssh worker-1
crictl ps
crictl pods
crictl images
crictl logs --tail 2 52db
ctr -n k8s.io tasks list
systemctl stop containerd
crictl ps
exit
