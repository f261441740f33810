BODY='{"room_id":"room01"}'
API_KEY="plugnmeet"
SECRET="zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6"
# body writes the exact bytes of $BODY (awk drops the newline the here-document adds)
body() {
awk 'NR > 1 { printf "\n" } { printf "%s", $0 }' <<EOF
$BODY
EOF
}
SIGNATURE=$(body | openssl dgst -sha256 -mac HMAC -macopt key:"$SECRET" | awk '{print $2}')
if [ -z "$SIGNATURE" ]; then echo "signing failed (is SECRET empty?)" >&2; exit 1; fi
body | curl -X POST https://demo.plugnmeet.com/auth/room/getActiveRoomInfo \
-H "Content-Type: application/json" \
-H "API-KEY: $API_KEY" \
-H "HASH-SIGNATURE: $SIGNATURE" \
--data-binary @-
