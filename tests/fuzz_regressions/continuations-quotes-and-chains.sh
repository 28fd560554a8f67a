sudo docker run --cap-add=SYS_ADMIN \
  -v "$(pwd)":/src:ro \
  --security-opt seccomp=unconfined \
  -e "A=​" image:1 sh -c "echo \"hi\"" && podman run --privileged x
