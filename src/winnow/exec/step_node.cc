#include "winnow/exec/dag_nodes.h"

namespace winnow {
namespace {

// Runs a step-table step on the node's thread, batch by batch, in stream order.
class StepNode final : public DagNode {
 public:
  StepNode(const std::string& name, RunShared& shared, std::unique_ptr<Step> step)
      : DagNode(name, shared, 1), step_(std::move(step)) {}

 protected:
  Status Run() override {
    WINNOW_RETURN_IF_ERROR(step_->Open(1));
    std::atomic<bool> stop{false};
    StepContext context;
    context.parser = &parser_;
    context.counters = &step_->counters();
    context.stop = &stop;
    while (std::optional<NodeInbox::Item> item = NextInput()) {
      // A step that asked to stop (head) sees nothing more; the rest of the input is drained.
      if (stop.load()) continue;
      counters_.Add("in", item->batch.size());
      WINNOW_RETURN_IF_ERROR(Forward(item->batch, context));
    }
    if (aborted()) return Status::OK();
    Batch held;
    WINNOW_RETURN_IF_ERROR(step_->Finish(held, context));
    return Forward(held, context);
  }

 private:
  Status Forward(Batch& batch, StepContext& context) {
    if (!batch.empty()) WINNOW_RETURN_IF_ERROR(step_->Process(batch, context));
    for (RejectedRecord& rejected : batch.rejects) {
      WINNOW_RETURN_IF_ERROR(shared_.outcomes->Reject(rejected));
    }
    batch.rejects.clear();
    AssignExpansionKeys(batch);
    Emit(std::move(batch));
    return Status::OK();
  }

  std::unique_ptr<Step> step_;
};

}  // namespace

std::unique_ptr<DagNode> MakeStepNode(const std::string& name, std::unique_ptr<Step> step,
                                      RunShared& shared) {
  return std::unique_ptr<DagNode>(new StepNode(name, shared, std::move(step)));
}

}  // namespace winnow
