// A plugNmeet request signer that speaks pnm-conformance protocol v1.
//
// To gate your Go SDK on it: copy this directory into your SDK's test tooling, replace
// the bodies of sign and verify with calls into your SDK (keep main and the message
// handling as they are), build it, and run the suite against the binary:
//
//	go build -o ./plugnmeet-signer ./path/to/this/dir
//	npm run conformance -- --impl ./plugnmeet-signer
//
// (`--impl "go run ./path/to/this/dir"` works too, but compiles on every start.)
//
// Protocol v1 (see packages/conformance/PROTOCOL.md): one JSON request per line on stdin,
// one JSON reply per line on stdout, in order. Bodies and secrets travel as base64 so any
// bytes survive the trip. Standard library only.
package main

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// sign returns HASH-SIGNATURE: lowercase hex HMAC-SHA256 of the exact body bytes.
func sign(body, secret []byte) (string, error) {
	if len(secret) == 0 {
		// crypto/hmac accepts an empty key; the reference refuses it, and so do we.
		return "", errors.New("empty secret")
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil)), nil
}

// verify is exact and constant-time, like the plugNmeet server: lowercase hex only.
func verify(body []byte, signature string, secret []byte) (bool, error) {
	expected, err := sign(body, secret)
	if err != nil {
		return false, err
	}
	return hmac.Equal([]byte(expected), []byte(signature)), nil
}

// request is every field any protocol v1 request can carry.
type request struct {
	Op        string  `json:"op"`
	ID        string  `json:"id"`
	Body      string  `json:"body"`
	Secret    string  `json:"secret"`
	Signature *string `json:"signature"`
}

var stdout = bufio.NewWriter(os.Stdout)

func reply(message map[string]any) {
	line, err := json.Marshal(message)
	if err != nil {
		line = []byte(fmt.Sprintf(`{"id":%q,"error":"cannot encode reply"}`, message["id"]))
	}
	stdout.Write(line)
	stdout.WriteByte('\n')
	stdout.Flush()
}

// answer handles one sign or verify request.
func answer(req request) map[string]any {
	body, err := base64.StdEncoding.DecodeString(req.Body)
	if err != nil {
		return map[string]any{"id": req.ID, "error": "body: " + err.Error()}
	}
	secret, err := base64.StdEncoding.DecodeString(req.Secret)
	if err != nil {
		return map[string]any{"id": req.ID, "error": "secret: " + err.Error()}
	}
	switch req.Op {
	case "sign":
		signature, err := sign(body, secret)
		if err != nil {
			return map[string]any{"id": req.ID, "error": err.Error()}
		}
		return map[string]any{"id": req.ID, "signature": signature}
	case "verify":
		if req.Signature == nil {
			return map[string]any{"id": req.ID, "error": "verify without a signature"}
		}
		valid, err := verify(body, *req.Signature, secret)
		if err != nil {
			return map[string]any{"id": req.ID, "error": err.Error()}
		}
		return map[string]any{"id": req.ID, "valid": valid}
	default:
		return map[string]any{"id": req.ID, "error": fmt.Sprintf("unknown op %q", req.Op)}
	}
}

func main() {
	// Not bufio.Scanner: its default line limit (64 KiB) is smaller than the largest bodies.
	stdin := bufio.NewReader(os.Stdin)
	for {
		line, err := stdin.ReadBytes('\n')
		if len(line) > 0 {
			var req request
			if jsonErr := json.Unmarshal(line, &req); jsonErr != nil {
				fmt.Fprintln(os.Stderr, "not a JSON request:", jsonErr)
				os.Exit(2)
			}
			switch req.Op {
			case "hello":
				reply(map[string]any{
					"op":           "hello",
					"protocol":     1,
					"name":         "go-example",
					"version":      "1.0.0",
					"language":     "go",
					"capabilities": []string{"sign", "verify"},
				})
			case "bye":
				return
			default:
				reply(answer(req))
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "reading stdin:", err)
			os.Exit(2)
		}
	}
}
