import groovy.xml.XmlSlurper

// What the user project must show: its dependency tree holds loom-patterns and JUnit only; the
// clean tests passed; the pinned test failed, naming the cause. It also reports (does not judge)
// what the assertion cost the 200 empty tests and CostTest's tests: speed is a benchmark's business, not a test's.
def base = basedir
def tree = new File(base, 'dependency-tree.txt').text
def artifacts = tree.readLines().drop(1).collect { it.replaceAll(/^[\s|+\\`-]+/, '') }.findAll { it }
def strangers = artifacts.findAll { !(it.startsWith('dev.loompatterns:loom-patterns:') || it.startsWith('org.junit') || it.startsWith('org.opentest4j:') || it.startsWith('org.apiguardian:')) }
assert strangers.isEmpty() : "the user's test class path holds more than loom-patterns and JUnit: ${strangers}"
assert artifacts.any { it.startsWith('dev.loompatterns:loom-patterns:jar:assertion:') } : "loom-patterns' assertion jar is not in the tree:\n${tree}"

// The assertion's jar holds the assertion's classes only, and no Main-Class or Class-Path of the CLI's.
def version = artifacts.find { it.startsWith('dev.loompatterns:loom-patterns:') }.split(':')[4]
def jar = new java.util.jar.JarFile(new File(localRepositoryPath, "dev/loompatterns/loom-patterns/${version}/loom-patterns-${version}-assertion.jar"))
def classes = jar.entries().toList()*.name.findAll { it.endsWith('.class') }
def strayClasses = classes.findAll { !(it.startsWith('dev/loompatterns/jfr/Pin') || it.startsWith('dev/loompatterns/jfr/JvmShutdown') || it.startsWith('dev/loompatterns/jfr/junit/')) }
assert strayClasses.isEmpty() : "the assertion jar holds more than the assertion: ${strayClasses}"
assert classes.contains('dev/loompatterns/jfr/junit/PinningExtension.class') : classes
def attributes = jar.manifest.mainAttributes
assert attributes.getValue('Main-Class') == null && attributes.getValue('Class-Path') == null : attributes.entrySet()

def reports = new File(base, 'target/surefire-reports')
// Under JUnit's parallel execution the annotated test ran alone, so the pinning test beside it did not fail it.
['ParallelQuietTest', 'ParallelPinnerTest'].each { name ->
    def suite = new XmlSlurper().parse(new File(reports, "TEST-com.example.${name}.xml"))
    assert suite.@tests.toInteger() == 1 && suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 : "${name} failed under parallel execution: ${suite.testcase.failure.@message} ${suite.testcase.error.@message}"
}

def clean = new XmlSlurper().parse(new File(reports, 'TEST-com.example.CleanTest.xml'))
assert clean.@failures.toInteger() == 0 && clean.@errors.toInteger() == 0 : "CleanTest failed"
assert clean.@tests.toInteger() == 201

def pinned = new XmlSlurper().parse(new File(reports, 'TEST-com.example.PinnedTest.xml'))
def failure = pinned.testcase.failure
assert failure.size() == 1 : "PinnedTest did not fail"
def message = failure.@message.text()
assert message.contains('expected exactly 0 pins') : message
assert message.contains('native-frame') && message.contains('Native or VM frame on stack') : message
assert message.contains('(asked for by @ShouldNotPin on com.example.PinnedTest') : message
assert failure.text().contains('com.example.PinnedTest.compareSlowly') : failure.text()

// A pin too deep in a library for JFR's 64 frames to hold the test's own: not passed over, failed as one that could
// not be told, with its stack cut where JFR cut it.
def deep = new XmlSlurper().parse(new File(reports, 'TEST-com.example.DeepPinTest.xml')).testcase.failure
assert deep.size() == 1 : "DeepPinTest did not fail"
def deepMessage = deep.@message.text()
assert deepMessage.contains('expected exactly 0 pins in com.example (jdk.VirtualThreadPinned), got 0, and 1 that could not be told') : deepMessage
assert deep.text().contains('org.lib.NativeSort.compareSlowly') && deep.text().contains('... (the recording cut the stack here') : deep.text()

// Times of the 200 empty tests with and without the assertion (surefire reports milliseconds).
def summary = { suite ->
    def times = suite.testcase.findAll { it.@name.text().startsWith('anEmptyTest') }.collect { (it.@time.text() as double) * 1000 }.sort()
    "median ${times[times.size().intdiv(2)]} ms, p10 ${times[(int) (times.size() * 0.1)]}, p90 ${times[(int) (times.size() * 0.9)]}, n ${times.size()}"
}
def plain = new XmlSlurper().parse(new File(reports, 'TEST-com.example.PlainTest.xml'))
def costs = "empty test with @ShouldNotPin: ${summary(clean)}\nempty test without: ${summary(plain)}\n"
// CostTest's own timing, in nanoseconds, from a JVM of its own (its first annotated test is the JVM's first).
costs += new File(base, 'cost-ms.txt').text
new File(base, 'empty-test-ms.txt').text = costs
println "pin-assertion-user: dependency tree ${artifacts}"
print costs
return true
