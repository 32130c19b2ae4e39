# kubelab shell --seed 1
echo "one two three" | awk '{print $2}'
printf "b\na\nc\na\n" | sort | uniq -c | sort -rn
printf "web-1 Running\nweb-2 Pending\ndb-1 Running\n" > pods.txt
grep -c Running pods.txt
grep -v Running pods.txt || echo none
grep -E '^(web|db)-1' pods.txt | cut -d' ' -f1
awk 'NR==2 {print $1 " is " $2}' pods.txt
tail -n +2 pods.txt | head -1
COUNT=$(wc -l < pods.txt); echo "$COUNT pods, $((COUNT * 2)) containers"
echo secret | base64
echo c2VjcmV0Cg== | base64 -d
false && echo yes || echo no
history | tail -3
nosuchcommand --help
echo "unterminated
still open"
