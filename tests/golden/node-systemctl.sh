# kubelab shell --seed 1
ssh worker-1
systemctl status kubelet
systemctl stop kubelet
systemctl status kubelet
systemctl is-active kubelet
systemctl status foo
systemctl stop foo
journalctl -u kubelet -n 5
systemctl start kubelet
journalctl -u kubelet -n 4 --no-pager
exit
