# kubelab shell --seed 1
sleep 90s
ssh worker-1
cd /etc/kubernetes
exit
nope
