// pqlscope/worker under Node (the package's "node" condition): the Worker script needs a
// browser's module Worker; say so instead of failing inside it with "self is not defined".
throw new Error("pqlscope/worker is a browser module Worker script and cannot run in Node. In Node, use createEngine() from 'pqlscope' (in a worker_threads Worker if it must leave the main thread); in a browser, createWorkerClient() starts this script.");
