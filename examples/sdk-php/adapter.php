<?php
/**
 * A pnm-conformance protocol v2 adapter around the real mynaparrot/plugnmeet-sdk 2.2.5
 * (Composer), on the PHP CLI:
 *
 *   php examples/sdk-php/install.php      # once: Composer → .cache/examples/sdk-php
 *   php examples/sdk-php/adapter.php
 *
 * Capabilities: `call` (its PlugNmeet methods) and `webhook` (its examples/webhook.php:
 * it has no verifier method). Not `sign`: its HMAC is inside the protected sendRequest.
 */

require __DIR__ . '/sdk-location.php';
load_sdk();
require __DIR__ . '/endpoints.php';
require __DIR__ . '/outcome.php';
require __DIR__ . '/webhook-verdict.php';

use Composer\InstalledVersions;
use Mynaparrot\Plugnmeet\PlugNmeet;

/**
 * Seconds, when the runner hands none: below its 10 s case timeout, so a hung server is the
 * SDK's own failure.
 */
const SDK_TIMEOUT = 5;

/**
 * The runner's `timeoutMs` as the SDK takes it: whole seconds (its constructor's `int
 * $timeout`), at least 1, because Guzzle reads 0 as "wait forever".
 */
function sdk_timeout(object $request): int
{
    $ms = $request->timeoutMs ?? SDK_TIMEOUT * 1000;
    return max(1, (int) ceil($ms / 1000));
}

function reply(array $message): void
{
    // Non-ASCII and U+2028 escaped: a reply must stay one line for every line reader.
    fwrite(STDOUT, json_encode($message, JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR) . "\n");
    fflush(STDOUT);
}

function hello(): array
{
    // v1 needs `sign`, which this SDK does not offer publicly: say v2 either way, and a v1
    // runner reports the mismatch instead of running vectors against something else.
    return [
        'op' => 'hello',
        'protocol' => 2,
        // Composer's mynaparrot/plugnmeet-sdk without its vendor (a `/` has no place in a
        // column id): the runner names the column plugnmeet-sdk/php by it.
        'name' => 'plugnmeet-sdk',
        'version' => InstalledVersions::getPrettyVersion(SDK_PACKAGE),
        'language' => 'php',
        'capabilities' => ['call', 'webhook'],
        // Its constructor takes the timeout in whole seconds: say so, and the runner's
        // timeout scenario hands it one second instead of a fraction it cannot express.
        'minTimeoutMs' => 1000,
    ];
}

function call(object $request): array
{
    $methods = sdk_methods();
    if (!isset($methods[$request->endpoint])) {
        return unsupported($request->endpoint);
    }
    [$method, $messageClass] = $methods[$request->endpoint];
    $server = $request->server;
    $plugnmeet = new PlugNmeet($server->url, $server->apiKey, $server->secret, sdk_timeout($request));
    $args = [];
    if ($messageClass !== null) {
        // The SDK's request message filled from the runner's JSON by protobuf's own JSON
        // reader (what its setters hold); fields the message lacks are dropped, as a user
        // of the SDK could not send them either, and reported on stderr.
        $json = json_encode($request->request ?? new stdClass(), JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR);
        $message = new $messageClass();
        $message->mergeFromJsonString($json, true);
        report_dropped($request->id, $request->request ?? new stdClass(), $message);
        $args[] = $message;
    }
    try {
        $returned = $plugnmeet->$method(...$args);
    } catch (Exception $error) {
        return from_exception($error);
    }
    return from_return($returned);
}

/** Top-level keys of the runner's request that the SDK's message has no field for. */
function report_dropped(string $id, object $request, Google\Protobuf\Internal\Message $message): void
{
    // Every field of the message, by its proto name and by its JSON (lowerCamel) name.
    $fields = array_keys((array) message_json($message));
    $camel = fn (string $name) => lcfirst(str_replace('_', '', ucwords($name, '_')));
    $known = array_merge($fields, array_map($camel, $fields));
    $dropped = array_values(array_diff(array_keys((array) $request), $known));
    if ($dropped) {
        fwrite(STDERR, "$id: " . get_class($message) . ' has no field ' . implode(', ', $dropped) . ": dropped\n");
    }
}

function webhook(object $request): array
{
    $body = base64_decode($request->body, true);
    if ($body === false) {
        throw new InvalidArgumentException('body is not base64');
    }
    return webhook_verdict($request->apiKey, $request->secret, $body, (array) $request->headers);
}

while (($line = fgets(STDIN)) !== false) {
    if (trim($line) === '') {
        continue;
    }
    // Objects stay objects ({} is not []) and integers above PHP_INT_MAX stay exact text.
    $request = json_decode($line, false, 512, JSON_BIGINT_AS_STRING | JSON_THROW_ON_ERROR);
    $op = $request->op ?? null;
    if ($op === 'hello') {
        reply(hello());
    } elseif ($op === 'bye') {
        break;
    } elseif ($op === 'call' || $op === 'webhook') {
        try {
            reply(['id' => $request->id] + ($op === 'call' ? call($request) : webhook($request)));
        } catch (Throwable $error) {
            reply(['id' => $request->id, 'error' => get_class($error) . ': ' . $error->getMessage()]);
        }
    } else {
        reply(['id' => $request->id ?? null, 'error' => 'unsupported op ' . json_encode($op)]);
    }
}
exit(0);
