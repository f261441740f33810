<?php
/**
 * The SDK's verdict on a webhook delivery. plugnmeet-sdk 2.2.5 has no verifier method; its
 * examples/webhook.php shows users how to verify, and this is exactly that, step by step:
 *
 * 1. the token is the `Authorization` header, else `Hash-Token` (PHP's
 *    `$_SERVER["HTTP_AUTHORIZATION"] ?? $_SERVER["HTTP_HASH_TOKEN"]`: any name case), and
 *    an empty one ends the request;
 * 2. `decodeJWTData($hash)` (firebase/php-jwt's `JWT::decode` with the API secret and
 *    HS256); it throws on a bad signature, another algorithm, `exp` or `nbf`, which ends
 *    the example's request;
 * 3. no `sha256` claim ends it;
 * 4. `hash('sha256', $body, true)` compared with `base64_decode($deco->sha256)`;
 * 5. `json_decode($body, true)` is the event.
 *
 * Whatever that accepts or refuses is the SDK's verdict: nothing is added to or left out of
 * it here (the example checks no `iss`, for one).
 */

use Mynaparrot\Plugnmeet\PlugNmeet;

function header_value(array $headers, string $name): ?string
{
    foreach ($headers as $key => $value) {
        if (strcasecmp((string) $key, $name) === 0) {
            return (string) $value;
        }
    }
    return null;
}

/** @return array{valid: bool, event?: mixed, reason?: string} */
function webhook_verdict(string $apiKey, string $secret, string $body, array $headers): array
{
    $hash = header_value($headers, 'Authorization') ?? header_value($headers, 'Hash-Token');
    if ($hash === null || empty($hash)) {
        return ['valid' => false, 'reason' => 'neither Authorization nor Hash-Token (the example returns)'];
    }
    // Only the secret matters to decodeJWTData; the example's client has a server URL too.
    $plugnmeet = new PlugNmeet('http://127.0.0.1:1', $apiKey, $secret);
    try {
        $deco = $plugnmeet->decodeJWTData($hash);
    } catch (Throwable $error) {
        return ['valid' => false, 'reason' => 'decodeJWTData threw ' . get_class($error) . ': ' . $error->getMessage()];
    }
    if (!isset($deco->sha256)) {
        return ['valid' => false, 'reason' => 'no sha256 claim (the example returns)'];
    }
    $our = hash('sha256', $body, true);
    $sentHash = base64_decode($deco->sha256);
    if ($our !== $sentHash) {
        return ['valid' => false, 'reason' => 'sha256 claim is not the body hash (the example returns)'];
    }
    return ['valid' => true, 'event' => json_decode($body, true)];
}
