# kubelab shell --seed 1
pwd
ls -a
cat /etc/os-release | head -2
ssh cp-1
ls /etc/kubernetes
ls /etc/kubernetes/pki/etcd
ls -l /etc/kubernetes/manifests
grep -- --listen-client-urls /etc/kubernetes/manifests/etcd.yaml
head -12 /etc/kubernetes/manifests/kube-scheduler.yaml
cp /etc/kubernetes/manifests/kube-scheduler.yaml /root/
mkdir -p backup/manifests
mv kube-scheduler.yaml backup/manifests/
ls backup backup/manifests
rm backup
rm -r backup
cat > note.txt <<EOF
written on $(hostname) as $USER
EOF
cat note.txt
wc -c note.txt
exit
cat note.txt
