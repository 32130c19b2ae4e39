# kubelab shell --seed 1
ssh worker-1
ps aux
ps
exit
