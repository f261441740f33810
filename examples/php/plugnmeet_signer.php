<?php
/**
 * A plugNmeet request signer that speaks pnm-conformance protocol v1.
 *
 * Copy this file into your SDK's test tooling, replace `sign` and `verify` with calls into
 * your SDK (require your autoloader at the top), and run:
 *
 *     npm run conformance -- --impl "php path/to/plugnmeet_signer.php"
 *
 * Protocol v1 (see packages/conformance/PROTOCOL.md): one JSON request per line on stdin,
 * one JSON reply per line on stdout, in order. Bodies and secrets travel as base64 so any
 * bytes survive the trip. PHP strings are byte strings, so nothing here needs mbstring.
 */

declare(strict_types=1);

/** HASH-SIGNATURE: lowercase hex HMAC-SHA256 of the exact body bytes. */
function sign(string $body, string $secret): string
{
    if ($secret === '') {
        // hash_hmac accepts an empty key; the reference refuses it, and so do we.
        throw new InvalidArgumentException('empty secret');
    }
    return hash_hmac('sha256', $body, $secret);
}

/** Exact and constant-time, like the plugNmeet server: lowercase hex only. */
function verify(string $body, string $signature, string $secret): bool
{
    return hash_equals(sign($body, $secret), $signature);
}

function reply(array $message): void
{
    fwrite(STDOUT, json_encode($message, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE) . "\n");
    fflush(STDOUT);
}

function decode(array $request, string $field): string
{
    $bytes = base64_decode((string) ($request[$field] ?? ''), true);
    if ($bytes === false) {
        throw new InvalidArgumentException("$field: not base64");
    }
    return $bytes;
}

function main(): void
{
    // fgets without a length reads a whole line, however long the body.
    while (($line = fgets(STDIN)) !== false) {
        $request = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
        $op = $request['op'] ?? null;
        if ($op === 'hello') {
            reply([
                'op' => 'hello',
                'protocol' => 1,
                'name' => 'php-example',
                'version' => '1.0.0',
                'language' => 'php',
                'capabilities' => ['sign', 'verify'],
            ]);
        } elseif ($op === 'bye') {
            return;
        } else {
            $id = $request['id'];
            try {
                $body = decode($request, 'body');
                $secret = decode($request, 'secret');
                if ($op === 'sign') {
                    reply(['id' => $id, 'signature' => sign($body, $secret)]);
                } elseif ($op === 'verify') {
                    $signature = $request['signature'] ?? null;
                    if (!is_string($signature)) {
                        throw new InvalidArgumentException('verify without a signature');
                    }
                    reply(['id' => $id, 'valid' => verify($body, $signature, $secret)]);
                } else {
                    reply(['id' => $id, 'error' => "unknown op $op"]);
                }
            } catch (InvalidArgumentException $error) {
                reply(['id' => $id, 'error' => $error->getMessage()]);
            }
        }
    }
}

main();
