# kubelab shell --seed 1
fault list
fault kinds
fault inject process/stop worker-1/kubelet
fault inject port/block cp-1:6443
fault inject machine/power-off nosuchnode
fault inject bogus worker-1
fault list
sleep 2m
why node/worker-1
fault heal fault-1
fault heal all
fault list
why
